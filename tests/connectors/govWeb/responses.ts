// How real government web servers answer, as handlers for the virtual-host server: content coding chosen
// from Accept-Encoding (RFC 9110 §8.4, §12.5.3) including the raw-deflate bodies some servers send for
// "deflate", validators and 304s (RFC 9110 §13), 429 with Retry-After in both its forms (RFC 6585 §4,
// RFC 9110 §10.2.3), downloads named only by Content-Disposition (RFC 6266, RFC 8187 filename*), and
// a server that sends one byte every few seconds forever.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import type { Handler } from "./vhost.ts";

type Coding = "gzip" | "br" | "deflate" | "raw-deflate" | "identity";

/** The coding a server configured for `offered` picks from the request's Accept-Encoding. */
function negotiate(req: IncomingMessage, offered: Coding[]): Coding {
  const accept = String(req.headers["accept-encoding"] ?? "").toLowerCase();
  const accepted = (c: string) => new RegExp(`(^|[\\s,])${c}(?!;q=0(\\.0*)?(,|$))`).test(accept);
  return offered.find((c) => accepted(c === "raw-deflate" ? "deflate" : c)) ?? "identity";
}

function encode(body: Uint8Array, coding: Coding): Uint8Array {
  switch (coding) {
    case "gzip":
      return gzipSync(body);
    case "br":
      return brotliCompressSync(body);
    case "deflate":
      return deflateSync(body);
    case "raw-deflate":
      return deflateRawSync(body);
    case "identity":
      return body;
  }
}

export interface BodyOptions {
  contentType?: string;
  /** codings this server applies, in its order of preference (nginx: gzip only) */
  codings?: Coding[];
  /** a strong ETag from the bytes, and 304 on If-None-Match */
  etag?: boolean;
  lastModified?: Date;
  headers?: Record<string, string>;
}

export function send(req: IncomingMessage, res: ServerResponse, body: Uint8Array | string, o: BodyOptions = {}): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const headers: Record<string, string> = { "content-type": o.contentType ?? "text/html; charset=utf-8", ...o.headers };
  if (o.etag) headers.etag = `"${createHash("sha1").update(bytes).digest("hex").slice(0, 16)}"`;
  if (o.lastModified) headers["last-modified"] = o.lastModified.toUTCString();
  const fresh =
    (headers.etag !== undefined && req.headers["if-none-match"] === headers.etag) ||
    (headers.etag === undefined && o.lastModified !== undefined && req.headers["if-modified-since"] === headers["last-modified"]);
  if (fresh) {
    res.writeHead(304, { etag: headers.etag ?? "", "last-modified": headers["last-modified"] ?? "" }).end();
    return;
  }
  const coding = negotiate(req, o.codings ?? []);
  const out = encode(bytes, coding);
  if (coding !== "identity") headers["content-encoding"] = coding === "raw-deflate" ? "deflate" : coding;
  if (o.codings?.length) headers.vary = "Accept-Encoding";
  res.writeHead(200, { ...headers, "content-length": String(out.length) }).end(out);
}

export const page =
  (html: string | (() => string), o: BodyOptions = {}): Handler =>
  (req, res) =>
    send(req, res, typeof html === "function" ? html() : html, o);

/** A page rendered per request: `n` is how many times it has been asked for (a 浏览次数 counter). */
export const counted =
  (html: (n: number) => string, o: BodyOptions = {}): Handler =>
  (req, res, n) =>
    send(req, res, html(n), o);

export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    void res.writeHead(code, { "content-type": "text/html; charset=utf-8", ...headers }).end(`<h1>${code}</h1>`);

/** 429 for the first `times` requests with the given Retry-After (seconds or an HTTP-date), then `then`. */
export const tooManyFirst =
  (times: number, retryAfter: () => string, then: Handler): Handler =>
  (req, res, n) =>
    n <= times
      ? void res.writeHead(429, { "retry-after": retryAfter(), "content-type": "text/html; charset=utf-8" }).end("<h1>429 Too Many Requests</h1>")
      : then(req, res, n);

/** Headers at once, then one byte of a page every `everyMs` until the client gives up. */
export const drip =
  (everyMs: number): Handler =>
  (req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    const bytes = Buffer.from(`<html><body>${"法治政府建设年度报告".repeat(200)}</body></html>`);
    let i = 0;
    const timer = setInterval(() => {
      if (i >= bytes.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(bytes.subarray(i, ++i));
    }, everyMs);
    req.on("close", () => clearInterval(timer));
    res.on("close", () => clearInterval(timer));
  };

/** A file download behind a script URL: octet-stream, the real name only in Content-Disposition. */
export const download =
  (bytes: Uint8Array, fileName: string, o: BodyOptions = {}): Handler =>
  (req, res) =>
    send(req, res, bytes, {
      contentType: "application/octet-stream",
      ...o,
      headers: {
        "content-disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        ...o.headers,
      },
    });
