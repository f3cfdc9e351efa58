// One HTTP exchange against a real server on loopback: every content coding servers send (raw deflate
// under "deflate" included), the size limit on decoded bytes (a gzip bomb), one deadline for the whole
// answer, and Retry-After in both forms (RFC 9110 §10.2.3).
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatcherFor, exchange, ExchangeError, retryAfterMs } from "../../connectors/crawler/http.ts";
import { drip, page, send } from "./govWeb/responses.ts";
import { startGovWeb, type GovWeb } from "./govWeb/vhost.ts";

const TEXT = "南通市卫生健康委员会2023年度法治政府建设情况报告。".repeat(200);
let web: GovWeb;
beforeAll(async () => {
  web = await startGovWeb(() => ({
    "enc.gov.test": {
      "/gzip": page(TEXT, { codings: ["gzip"] }),
      "/br": page(TEXT, { codings: ["br"] }),
      "/deflate": page(TEXT, { codings: ["deflate"] }),
      "/raw-deflate": page(TEXT, { codings: ["raw-deflate"] }),
      "/bomb": (_req, res) => void res.writeHead(200, { "content-encoding": "gzip", "content-type": "text/html" }).end(gzipSync(Buffer.alloc(5_000_000))),
      "/truncated": (_req, res) => void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.from(TEXT)).subarray(0, 400)),
      "/drip": drip(200),
      "/etag": (req, res) => send(req, res, TEXT, { etag: true }),
    },
  }));
});
afterAll(() => web.close());

const get = (path: string, o: { maxBytes?: number; timeoutMs?: number } = {}) =>
  exchange(web.url("enc.gov.test", path), {
    headers: {},
    timeoutMs: o.timeoutMs ?? 2000,
    maxBytes: o.maxBytes ?? 1_000_000,
    dispatcher: dispatcherFor({ "enc.gov.test": "127.0.0.1" }),
  });

describe("one HTTP exchange", () => {
  it.each(["/gzip", "/br", "/deflate", "/raw-deflate"])("decodes %s", async (path) => {
    const res = await get(path);
    expect(res.headers["content-encoding"]).toBeTruthy();
    expect(res.body.toString("utf8")).toBe(TEXT);
  });

  it("reads a truncated gzip stream as far as it goes", async () => {
    const res = await get("/truncated");
    expect(TEXT.startsWith(res.body.toString("utf8").replace(/\ufffd$/, ""))).toBe(true);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it("holds the size limit on the decoded bytes", async () => {
    await expect(get("/bomb", { maxBytes: 1_000_000 })).rejects.toMatchObject({ kind: "too_large" });
  });

  it("bounds the whole answer by one deadline, however slowly the bytes come", async () => {
    const started = Date.now();
    const err = await get("/drip", { timeoutMs: 700 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err).toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it("reads Retry-After as seconds or as an HTTP-date", () => {
    const now = Date.parse("2024-03-01T10:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Fri, 01 Mar 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Fri, 01 Mar 2024 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
