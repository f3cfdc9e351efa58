// Fetching as a polite crawler. Every request goes through the host's gate (one at a time, the source's
// rate or the site's Crawl-delay, whichever is slower) and robots.txt; redirects are followed by hand
// (bounded, loops caught, off-site targets refused); 5xx, time-outs and 429 are retried with backoff, a
// Retry-After pausing the whole host. The answer says what happened: a body, a 304, an exclusion (on
// purpose: robots, off-site) or a failure, each with a reason and a short code for metrics.
import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { foldHost } from "../../schemas/sources.ts";
import { ExchangeError, exchange, retryAfterMs, type Exchanged } from "./http.ts";
import type { HostGate } from "./hostGate.ts";
import { robotsFromAnswer, type Robots } from "./robots.ts";

const USER_AGENT = "govkpi/0.1 (public government work-report crawler; honours robots.txt)";

/** What one source allows: hosts, pace, limits. */
export interface FetchPolicy {
  allowHosts: string[];
  intervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
  retries: number;
  backoffMs: number;
}

/** What every crawl of the process shares: the hosts' gates, robots.txt files, connections. */
export interface Web {
  gate: HostGate;
  robots: RobotsCache;
  dispatcher: Dispatcher;
  signal?: AbortSignal;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | { kind: "ok"; url: string; headers: Record<string, string>; body: Buffer }
  | { kind: "not_modified"; url: string }
  | { kind: "excluded"; url: string; code: "robots" | "off_site"; reason: string }
  | { kind: "failed"; url: string; code: string; reason: string; status?: number };
type Failed = Extract<FetchOutcome, { kind: "failed" }>;

const CRAWL_DELAY_CAP_S = 120;

export const hostKey = (url: string) => foldHost(new URL(url).host);

export class RobotsCache {
  private readonly files = new Map<string, { robots: Promise<Robots>; until: number }>();

  constructor(private readonly ttl = { readMs: 24 * 3600_000, unreachableMs: 10 * 60_000 }) {}

  /** robots.txt of the URL's origin, fetched once per TTL (RFC 9309 §2.4: at most a day). */
  get(url: string, load: (robotsUrl: string) => Promise<Robots>): Promise<Robots> {
    const origin = new URL(url).origin;
    const cached = this.files.get(origin);
    if (cached && cached.until > Date.now()) return cached.robots;
    const robots = load(`${origin}/robots.txt`);
    const entry = { robots, until: Number.POSITIVE_INFINITY };
    this.files.set(origin, entry);
    void robots.then(
      (r) => (entry.until = Date.now() + (r.unreachable ? this.ttl.unreachableMs : this.ttl.readMs)),
      () => this.files.delete(origin),
    );
    return robots;
  }
}

export class PoliteFetcher {
  constructor(
    private readonly p: FetchPolicy,
    private readonly web: Web,
  ) {}

  private allowed(url: string): boolean {
    return this.p.allowHosts.includes(hostKey(url));
  }

  robots(url: string): Promise<Robots> {
    return this.web.robots.get(url, async (robotsUrl) => {
      const answer = await this.follow(robotsUrl, {}, { robots: false, anyHost: true });
      if (answer.kind === "failed")
        return robotsFromAnswer(robotsUrl, answer.status ? { status: answer.status, body: Buffer.alloc(0) } : { error: answer.reason });
      if (answer.kind !== "ok") return robotsFromAnswer(robotsUrl, { status: 404, body: Buffer.alloc(0) });
      return robotsFromAnswer(robotsUrl, { status: 200, body: answer.body });
    });
  }

  get(url: string, validators: Validators = {}): Promise<FetchOutcome> {
    return this.follow(url, validators, { robots: true, anyHost: false });
  }

  private async follow(url: string, validators: Validators, o: { robots: boolean; anyHost: boolean }): Promise<FetchOutcome> {
    const seen = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      if (!o.anyHost && !this.allowed(current)) {
        const reason = hop ? `${url}: redirected to ${current}, outside allow_hosts` : `${current}: host ${new URL(current).host} is not in allow_hosts`;
        return { kind: "excluded", url: current, code: "off_site", reason };
      }
      const robots = o.robots ? await this.robots(current) : null;
      const refusal = robots?.refusal(current);
      if (refusal) {
        return robots!.unreachable
          ? { kind: "failed", url: current, code: "robots_unreachable", reason: `${current}: ${refusal}` }
          : { kind: "excluded", url: current, code: "robots", reason: `${current}: ${refusal}` };
      }
      const res = await this.withRetries(current, validators, robots?.crawlDelay ?? null);
      if ("kind" in res) return res;
      if (res.status === 304) return { kind: "not_modified", url: current };
      if (res.status >= 200 && res.status < 300) return { kind: "ok", url: current, headers: res.headers, body: res.body };
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.location;
        if (!location)
          return { kind: "failed", url: current, code: "bad_redirect", reason: `${current}: HTTP ${res.status} without a Location`, status: res.status };
        seen.add(current);
        current = new URL(location, current).href.replace(/#.*$/, "");
        if (seen.has(current)) return { kind: "failed", url, code: "redirect_loop", reason: `${url}: redirect loop through ${current}` };
        if (hop + 1 > this.p.maxRedirects)
          return { kind: "failed", url, code: "too_many_redirects", reason: `${url}: more than ${this.p.maxRedirects} redirects` };
        continue;
      }
      return { kind: "failed", url: current, code: `http_${res.status}`, reason: `${current}: HTTP ${res.status}`, status: res.status };
    }
  }

  /** One URL, retried on 5xx, 429 and transport errors; a Retry-After pauses the host for everyone. */
  private async withRetries(url: string, validators: Validators, crawlDelay: number | null): Promise<Exchanged | Failed> {
    const host = hostKey(url);
    const interval = Math.max(this.p.intervalMs, Math.min(crawlDelay ?? 0, CRAWL_DELAY_CAP_S) * 1000);
    const headers: Record<string, string> = {
      "user-agent": USER_AGENT,
      accept:
        "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.8",
      ...(validators.etag ? { "if-none-match": validators.etag } : {}),
      ...(validators.lastModified ? { "if-modified-since": validators.lastModified } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      let res: Exchanged | null = null;
      let failure: Omit<Failed, "kind" | "url">;
      try {
        res = await this.web.gate.turn(
          host,
          interval,
          () => exchange(url, { headers, timeoutMs: this.p.timeoutMs, maxBytes: this.p.maxBytes, dispatcher: this.web.dispatcher, signal: this.web.signal }),
          this.web.signal,
        );
        if (res.status !== 429 && res.status < 500) return res;
        failure = { code: `http_${res.status}`, reason: `${url}: HTTP ${res.status}`, status: res.status };
      } catch (err) {
        if (this.web.signal?.aborted) return { kind: "failed", url, code: "aborted", reason: `${url}: cancelled (shutting down)` };
        if (!(err instanceof ExchangeError)) throw err;
        if (err.kind === "too_large" || err.kind === "bad_encoding") return { kind: "failed", url, code: err.kind, reason: err.message };
        failure = { code: err.kind, reason: err.message };
      }
      const wait = res ? retryAfterMs(res.headers["retry-after"]) : null;
      if (wait !== null && wait > this.p.maxRetryAfterMs) {
        return {
          kind: "failed",
          url,
          code: "rate_limited",
          reason: `${failure.reason}, Retry-After ${Math.round(wait / 1000)} s is beyond max_retry_after_seconds`,
          status: res?.status,
        };
      }
      if (attempt >= this.p.retries) return { kind: "failed", url, ...failure, reason: `${failure.reason} (after ${attempt + 1} attempts)` };
      if (wait !== null) this.web.gate.pause(host, Date.now() + wait);
      else await sleep(this.p.backoffMs * 2 ** attempt, undefined, { signal: this.web.signal }).catch(() => {});
    }
  }
}
