// One HTTP GET as the RFCs have it: the whole exchange (headers and body) under one deadline, so a server
// dripping a byte at a time cannot hold it longer; content codings decoded (gzip, deflate in its zlib and
// raw forms, br), with the size limit on the decoded bytes; Retry-After read in both its forms.
import { promisify } from "node:util";
import { brotliDecompress, constants, gunzip, inflate, inflateRaw, type ZlibOptions } from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";

export type ExchangeFailure = "timeout" | "network" | "too_large" | "bad_encoding" | "aborted";

export class ExchangeError extends Error {
  override name = "ExchangeError";
  constructor(
    readonly kind: ExchangeFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Exchanged {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** decoded; empty for answers other than 2xx */
  body: Buffer;
}

export interface ExchangeOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  dispatcher: Dispatcher;
  /** cancels the exchange (shutdown) */
  signal?: AbortSignal;
}

/** A dispatcher that resolves the given names to fixed addresses (as `curl --resolve`), others by DNS. */
export function dispatcherFor(resolve: Record<string, string> = {}): Dispatcher {
  const pinned = new Map(Object.entries(resolve).map(([h, a]) => [h.toLowerCase(), a]));
  if (!pinned.size) return new Agent({ connections: 8 });
  return new Agent({
    connections: 8,
    connect: {
      lookup: (hostname, options, callback) => {
        const address = pinned.get(hostname.toLowerCase());
        if (!address) return void import("node:dns").then((dns) => dns.lookup(hostname, options, callback));
        const family = address.includes(":") ? 6 : 4;
        if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
        else (callback as (e: null, a: string, f: number) => void)(null, address, family);
      },
    },
  });
}

const zlib = {
  gzip: promisify<Buffer, ZlibOptions, Buffer>(gunzip),
  inflate: promisify<Buffer, ZlibOptions, Buffer>(inflate),
  inflateRaw: promisify<Buffer, ZlibOptions, Buffer>(inflateRaw),
  br: promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress),
};

/** "deflate" is RFC 1950 zlib data, but many servers send raw RFC 1951 deflate under that name. */
const isZlibStream = (b: Buffer) => b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;

async function decode(body: Buffer, codings: string[], maxBytes: number, url: string): Promise<Buffer> {
  // truncated streams are read as far as they go, as browsers do
  const opts = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
  let out = body;
  for (const coding of [...codings].reverse()) {
    try {
      if (coding === "gzip" || coding === "x-gzip") out = await zlib.gzip(out, opts);
      else if (coding === "deflate") out = await (isZlibStream(out) ? zlib.inflate(out, opts) : zlib.inflateRaw(out, opts));
      else if (coding === "br") out = await zlib.br(out, { maxOutputLength: maxBytes });
      else if (coding !== "identity") throw new ExchangeError("bad_encoding", `${url}: unsupported content coding ${coding}`);
    } catch (err) {
      if (err instanceof ExchangeError) throw err;
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
        throw new ExchangeError("too_large", `${url}: over the limit of ${maxBytes} bytes once decoded (${coding})`);
      }
      throw new ExchangeError("bad_encoding", `${url}: body is not valid ${coding}: ${(err as Error).message}`);
    }
  }
  return out;
}

const flat = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));

export async function exchange(url: string, o: ExchangeOptions): Promise<Exchanged> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([deadline.signal, o.signal]) : deadline.signal;
  const why = (err: unknown): never => {
    if (o.signal?.aborted) throw new ExchangeError("aborted", `${url}: cancelled`);
    if (deadline.signal.aborted) throw new ExchangeError("timeout", `${url}: no complete answer within ${o.timeoutMs / 1000} s`);
    if (err instanceof ExchangeError) throw err;
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as NodeJS.ErrnoException).code;
    throw new ExchangeError("network", `${url}: ${cause ? `${cause} ` : ""}${(err as Error).message}`);
  };
  try {
    const res = await request(url, {
      method: "GET",
      headers: { "accept-encoding": "gzip, deflate, br", ...o.headers },
      dispatcher: o.dispatcher,
      signal,
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    }).catch(why);
    const headers = flat(res.headers);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => {});
      return { url, status: res.statusCode, headers, body: Buffer.alloc(0) };
    }
    if (Number(headers["content-length"] ?? 0) > o.maxBytes) {
      res.body.destroy();
      throw new ExchangeError("too_large", `${url}: ${headers["content-length"]} bytes, over the limit of ${o.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > o.maxBytes) {
          res.body.destroy();
          throw new ExchangeError("too_large", `${url}: over the limit of ${o.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      why(err);
    }
    const codings = (headers["content-encoding"] ?? "")
      .split(",")
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean);
    return { url, status: res.statusCode, headers, body: await decode(Buffer.concat(chunks), codings, o.maxBytes, url) };
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; milliseconds from `now`, or null. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
