// govkpi serve as a user runs it: a child process on loopback, real HTTP requests, the warehouse read back.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, SAMPLES, tempDir } from "../helpers/cli.ts";
import { killServers, loadedReports, post, serve } from "./webhookCli.ts";
import { Inbox } from "../../connectors/inbox.ts";
import { landPayload } from "../../connectors/publishRaw.ts";
import { landingZoneOf } from "../../pipelines/runner.ts";

const sample = readFileSync(join(SAMPLES, "nantong-health-2023.txt"));

afterEach(killServers);

describe("govkpi serve", () => {
  it("refuses to start without a token", async () => {
    const child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), "serve", "--port", "0", "--data", tempDir(), "--token-env", "NO_SUCH_TOKEN_VAR"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c));
    const code = await new Promise((r) => child.on("exit", r));
    expect(code).toBe(2);
    expect(err).toMatch(/NO_SUCH_TOKEN_VAR/);
  });

  it("answers 401, 413, 400, 415 with a message, and 202 with the report's key once it is landed", async () => {
    const data = tempDir();
    const { url } = await serve(data, ["--max-bytes", "100000"]);
    expect((await post(url, sample, "text/plain", null)).status).toBe(401);
    expect((await post(url, sample, "text/plain", "wrong-token-0123456789")).status).toBe(401);
    const big = await post(url, Buffer.alloc(200_000, 0x61), "text/plain");
    expect(big.status).toBe(413);
    const broken = await post(url, '{"text": ', "application/json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/not JSON/);
    const empty = await post(url, JSON.stringify({ title: "报告" }), "application/json");
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/text/);
    expect((await post(url, "x", "image/png")).status).toBe(415);

    const ok = await post(url, sample, "text/plain; charset=utf-8");
    expect(ok.status).toBe(202);
    const body = await ok.json();
    expect(body.landing_key).toMatch(/^sha256\//);
    expect(readFileSync(join(data, "landing", body.landing_key))).toEqual(sample);
    const json = await post(
      url,
      JSON.stringify({ url: "https://wjw.example.gov.cn/r.html", title: "某县卫生健康局2022年法治政府建设工作报告", text: "全年受理信访件12件。" }),
      "application/json",
    );
    expect(json.status).toBe(202);

    const reports = await loadedReports(data, 2);
    expect(reports.find((r) => r.source_url === "https://wjw.example.gov.cn/r.html")).toMatchObject({ fact_count: 1 });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/govkpi_webhook_accepted_total\{client="webhook"\} 2/);
    expect(metrics).toMatch(/govkpi_webhook_rejected_total\{status="401"\} 2/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("loses nothing when killed right after the 202: the restart loads the report, once", async () => {
    const data = tempDir();
    const first = await serve(data);
    const accepted = await post(first.url, sample, "text/plain; charset=utf-8");
    expect(accepted.status).toBe(202);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.on("exit", r));

    await serve(data);
    const reports = await loadedReports(data, 1);
    expect(reports).toHaveLength(1);
    expect(Number(reports[0]!.fact_count)).toBeGreaterThan(0);
  });

  it("re-announces on start what a crashed run accepted but never processed, then clears its inbox", async () => {
    const data = tempDir();
    const inbox = new Inbox(join(data, "inbox"));
    const { raw } = await landPayload(landingZoneOf(data), {
      bytes: sample,
      source: "webhook",
      source_url: "https://wjw.example.gov.cn/crashed.html",
      file_name: "report.txt",
      content_type: "text/plain",
    });
    await inbox.add(raw);
    await serve(data);
    expect(await loadedReports(data, 1)).toEqual([expect.objectContaining({ source_url: "https://wjw.example.gov.cn/crashed.html" })]);
    for (let i = 0; i < 50 && (await inbox.pending()).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await inbox.pending()).toEqual([]);
  });
});
