// Fetching as a polite crawler: only allowed hosts, robots.txt honoured, one request per host per
// interval, bounded time, size and redirects, retries with backoff on 5xx and time-outs.
import { request } from "undici";
import { createRequire } from "node:module";

interface Robots {
  isDisallowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS whose module.exports is the parser itself
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, robotstxt: string) => Robots;

export const USER_AGENT = "govkpi/0.1 (public government work-report crawler; respects robots.txt)";

export interface Politeness {
  allowHosts: string[];
  ratePerMinute: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  backoffMs: number;
}

export const DEFAULT_POLITENESS: Omit<Politeness, "allowHosts" | "ratePerMinute"> = {
  timeoutMs: 20_000, maxBytes: 30 * 1024 * 1024, maxRedirects: 5, retries: 2, backoffMs: 1000,
};

export interface Fetched {
  url: string;
  status: number;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  body: Buffer;
}

export class FetchRefused extends Error {
  override name = "FetchRefused";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

export class PoliteFetcher {
  private readonly nextSlot = new Map<string, number>();
  private readonly robots = new Map<string, Robots | null>();

  constructor(private readonly p: Politeness) {}

  async fetch(url: string, cache: { etag?: string | null; lastModified?: string | null } = {}): Promise<Fetched> {
    let current = url;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      await this.checkAllowed(current);
      const res = await this.withRetries(current, cache);
      if (res.status < 300 || res.status >= 400 || res.status === 304) return res;
      const location = res.redirect;
      if (!location) throw new FetchRefused(`${current}: redirect ${res.status} without a Location`);
      seen.add(current);
      current = new URL(location, current).href;
      if (seen.has(current)) throw new FetchRefused(`${url}: redirect loop through ${current}`);
      if (hop + 1 > this.p.maxRedirects) throw new FetchRefused(`${url}: more than ${this.p.maxRedirects} redirects`);
    }
  }

  private async checkAllowed(url: string): Promise<void> {
    const { host, origin } = new URL(url);
    if (!this.p.allowHosts.includes(host)) throw new FetchRefused(`${url}: host ${host} is not in allow_hosts`);
    if (!this.robots.has(host)) {
      const robots = await this.once(`${origin}/robots.txt`, {}).catch(() => null);
      this.robots.set(host, robots && robots.status === 200 ? robotsParser(`${origin}/robots.txt`, robots.body.toString("utf8")) : null);
    }
    if (this.robots.get(host)?.isDisallowed(url, USER_AGENT)) throw new FetchRefused(`${url}: robots.txt forbids it`);
  }

  private async withRetries(url: string, cache: { etag?: string | null; lastModified?: string | null }) {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.once(url, cache);
        if (res.status < 500 || attempt >= this.p.retries) return res;
      } catch (err) {
        if (err instanceof FetchRefused || attempt >= this.p.retries) throw err;
      }
      await sleep(this.p.backoffMs * 2 ** attempt);
    }
  }

  private async once(url: string, cache: { etag?: string | null; lastModified?: string | null }): Promise<Fetched & { redirect: string | null }> {
    await this.waitForSlot(new URL(url).host);
    const res = await request(url, {
      method: "GET",
      headers: {
        "user-agent": USER_AGENT,
        ...(cache.etag ? { "if-none-match": cache.etag } : {}),
        ...(cache.lastModified ? { "if-modified-since": cache.lastModified } : {}),
      },
      headersTimeout: this.p.timeoutMs,
      bodyTimeout: this.p.timeoutMs,
    }).catch((err: Error) => {
      throw new Error(`${url}: ${err.message}`);
    });
    const chunks: Buffer[] = [];
    let size = Number(header(res.headers, "content-length") ?? 0);
    if (size > this.p.maxBytes) {
      res.body.destroy();
      throw new FetchRefused(`${url}: ${size} bytes, over the limit of ${this.p.maxBytes}`);
    }
    size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > this.p.maxBytes) {
        res.body.destroy();
        throw new FetchRefused(`${url}: over the limit of ${this.p.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return {
      url,
      status: res.statusCode,
      contentType: header(res.headers, "content-type") ?? "application/octet-stream",
      etag: header(res.headers, "etag"),
      lastModified: header(res.headers, "last-modified"),
      redirect: header(res.headers, "location"),
      body: Buffer.concat(chunks),
    };
  }

  /** One request per host per 60/rate seconds. */
  private async waitForSlot(host: string): Promise<void> {
    const interval = 60_000 / this.p.ratePerMinute;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + interval);
    if (slot > now) await sleep(slot - now);
  }
}
