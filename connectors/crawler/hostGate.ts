// Politeness per host, shared by every crawl of the process: one request at a time per host, each
// starting at least the host's interval after the previous one ended (so the server sees the spacing
// whatever the network adds), none before a Retry-After pause ends. Two sources on one site share its
// gate; sources on different hosts never wait for each other.
import { setTimeout as sleep } from "node:timers/promises";

interface HostTurns {
  tail: Promise<void>;
  lastEnd: number;
  pausedUntil: number;
}

export class HostGate {
  private readonly hosts = new Map<string, HostTurns>();

  private of(host: string): HostTurns {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { tail: Promise.resolve(), lastEnd: 0, pausedUntil: 0 }));
    return h;
  }

  /** Runs `fn` on `host`'s turn, `intervalMs` after the end of the host's previous request (whoever made
   * it: a Crawl-delay learnt from robots.txt applies from the robots.txt request on). */
  async turn<T>(host: string, intervalMs: number, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const h = this.of(host);
    const before = h.tail;
    let release!: () => void;
    h.tail = new Promise<void>((r) => (release = r));
    try {
      await before;
      const wait = Math.max(h.lastEnd + intervalMs, h.pausedUntil) - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      signal?.throwIfAborted();
      try {
        return await fn();
      } finally {
        h.lastEnd = Date.now();
      }
    } finally {
      release();
    }
  }

  /** The host asked us to come back later (429/503 Retry-After). */
  pause(host: string, untilMs: number): void {
    const h = this.of(host);
    h.pausedUntil = Math.max(h.pausedUntil, untilMs);
  }
}
