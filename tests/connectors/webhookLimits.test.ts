// govkpi serve under load and misuse: a bound on what it holds (503 with Retry-After past it, memory
// kept low under a flood), reports identified by content, RFC auth scheme matching, dates and provenance
// URLs checked before anything lands, one-line errors for a busy port or warehouse, request ids in logs.
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { killServers, loadedReports, post, serve, TOKEN } from "./webhookCli.ts";

afterEach(killServers);

const sample = readFileSync(join(SAMPLES, "nantong-health-2023.txt"));
const other = readFileSync(join(SAMPLES, "dongyang-health-2022.txt"));

/** Peak resident memory of a process (kB), from /proc. */
const peakKb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

/** POSTs `bytes` in 64 KiB chunks; resolves with the status, or "reset" if the connection went first. */
function upload(url: string, bytes: number): Promise<{ status: number | "reset"; retryAfter?: string }> {
  return new Promise((resolve) => {
    const req = request(`${url}/reports`, {
      method: "POST",
      headers: { "content-type": "text/plain", "content-length": String(bytes), authorization: `Bearer ${TOKEN}` },
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] });
    });
    req.on("error", () => resolve({ status: "reset" }));
    const chunk = Buffer.alloc(64 * 1024, "报");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("govkpi serve: bounds", () => {
  it("answers 503 with Retry-After past its in-flight bound, and its memory stays low under a flood", async () => {
    const { url, child } = await serve(tempDir(), ["--max-inflight-bytes", String(16 * 1024 * 1024), "--max-bytes", String(10 * 1024 * 1024)]);
    const before = peakKb(child.pid!);
    const answers = await Promise.all(Array.from({ length: 50 }, () => upload(url, 8 * 1024 * 1024)));
    const statuses = answers.map((a) => a.status);
    // 400 MB offered at once: what goes past 16 MB in flight is turned away, and said so
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 202 || s === 503 || s === "reset")).toBe(true);
    expect(answers.filter((a) => a.status === 503).every((a) => a.retryAfter === "5")).toBe(true);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThan(0);
    // held bytes are bounded: the peak grows by far less than the 400 MB offered
    expect(peakKb(child.pid!) - before).toBeLessThan(150 * 1024);
  }, 120_000);
});

describe("govkpi serve: what a report is and who sent it", () => {
  it("keeps two different reports posted with one X-Source-URL, under the client's id", async () => {
    const data = tempDir();
    const { url } = await serve(data, [], `jiangsu-sfj:${TOKEN}`);
    const same = { "x-source-url": "https://sfj.example.gov.cn/report.html" };
    expect((await post(url, sample, "text/plain; charset=utf-8", TOKEN, same)).status).toBe(202);
    expect((await post(url, other, "text/plain; charset=utf-8", TOKEN, same)).status).toBe(202);
    const reports = await loadedReports(data, 2, "source, source_url");
    expect(reports).toEqual([
      { source: "jiangsu-sfj", source_url: same["x-source-url"] },
      { source: "jiangsu-sfj", source_url: same["x-source-url"] },
    ]);
  });

  it("accepts the same report posted many times at once, and loads it once", async () => {
    const data = tempDir();
    const { url } = await serve(data);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => post(url, sample, "text/plain; charset=utf-8").then((r) => r.status)));
    expect(statuses).toEqual(Array(12).fill(202));
    expect(await loadedReports(data, 1)).toHaveLength(1);
  });

  it("matches the auth scheme case-insensitively (RFC 9110 §11.1), and refuses bad dates and non-http provenance with 400", async () => {
    const { url } = await serve(tempDir());
    const lower = await fetch(`${url}/reports`, { method: "POST", body: sample, headers: { "content-type": "text/plain", authorization: `bearer ${TOKEN}` } });
    expect(lower.status).toBe(202);
    const badDate = await post(url, JSON.stringify({ text: "全年受理信访件12件。", published_date: "2023-02-30" }), "application/json");
    expect(badDate.status).toBe(400);
    expect((await badDate.json()).error).toMatch(/published_date: is not a calendar date/);
    for (const bad of ["javascript:alert(1)", "file:///etc/passwd"]) {
      const json = await post(url, JSON.stringify({ url: bad, text: "全年受理信访件12件。" }), "application/json");
      expect(json.status).toBe(400);
      expect((await json.json()).error).toMatch(/only http\(s\) URLs/);
      expect((await post(url, sample, "text/plain", TOKEN, { "x-source-url": bad })).status).toBe(400);
    }
    expect((await post(url, sample, "text/plain", TOKEN, { "x-published-date": "2024-13-01" })).status).toBe(400);
  });

  it("logs JSON lines with the request's id, and echoes it", async () => {
    const served = await serve(tempDir());
    const res = await post(served.url, sample, "text/plain", TOKEN, { "x-request-id": "req-42" });
    expect(res.headers.get("x-request-id")).toBe("req-42");
    const wrong = await post(served.url, sample, "text/plain", "wrong-token-0123456789");
    const generated = wrong.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 300));
    const lines = served
      .log()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ req_id: "req-42", msg: "accepted", level: "info" }));
    expect(lines).toContainEqual(expect.objectContaining({ req_id: generated, msg: "refused", status: 401, level: "warn" }));
  });
});

describe("govkpi serve: one-line errors", () => {
  it("says the port is in use, and that the warehouse is busy, in one line with exit code 2", async () => {
    const first = await serve(tempDir());
    const port = new URL(first.url).port;
    const busyPort = await govkpi(["serve", "--port", port, "--data", tempDir()], { env: { GOVKPI_WEBHOOK_TOKEN: TOKEN } });
    expect(busyPort.code).toBe(2);
    expect(busyPort.stderr.trim()).toMatch(/^govkpi serve: 127\.0\.0\.1:\d+ is already in use$/);

    const data = tempDir();
    const holder = await DuckDBInstance.create(join(data, "govkpi.duckdb"));
    try {
      const busyData = await govkpi(["serve", "--port", "0", "--data", data], { env: { GOVKPI_WEBHOOK_TOKEN: TOKEN } });
      expect(busyData.code).toBe(2);
      expect(busyData.stderr.trim().split("\n")).toHaveLength(1);
      expect(busyData.stderr).toMatch(/^govkpi serve: the data directory .* is in use by another govkpi process.*; beside load workers, use --bus kafka$/m);
    } finally {
      holder.closeSync();
    }
  });

  it("records each client's posts as runs", async () => {
    const data = tempDir();
    const { url, child } = await serve(data, ["--run-idle-seconds", "1"]);
    expect((await post(url, sample, "text/plain")).status).toBe(202);
    expect((await post(url, "x", "image/png")).status).toBe(415);
    await loadedReports(data, 1);
    await new Promise((r) => setTimeout(r, 2500));
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
    const runs = await readParquet(data, "SELECT source, kind, status, discovered, fetched, new, failed, error FROM runs");
    expect(runs).toEqual([
      {
        source: "webhook",
        kind: "webhook",
        status: "partial",
        discovered: 2,
        fetched: 1,
        new: 1,
        failed: 1,
        error: expect.stringMatching(/1× http_415: unsupported content type image\/png/),
      },
    ]);
  });
});
