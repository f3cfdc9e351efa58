// govkpi schedule as ops run it: the first ticks fail because another process holds the warehouse, the
// failure is recorded and the next ticks succeed; SIGTERM during a crawl exits within 5 s, the crawl's
// run closed as interrupted in its journal.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { shortReport, smallColumn } from "./govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "./govWeb/vhost.ts";
import { resolveArgs, sourcesFile, spawnGovkpi } from "./govWeb/crawlCli.ts";

let web: GovWeb;
beforeAll(async () => {
  web = await startGovWeb(() => ({
    "quick.gov.test": smallColumn("泰州市司法局", [shortReport("泰州市司法局", 2022), shortReport("泰州市司法局", 2023)]),
    "slow.gov.test": smallColumn(
      "盐城市审计局",
      [2019, 2020, 2021, 2022, 2023].map((y) => shortReport("盐城市审计局", y)),
    ),
  }));
});
afterAll(() => web.close());

const until = async (done: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const logLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("govkpi schedule", () => {
  it("records a tick that fails on a held warehouse, runs the next ones, and stops within 5 s of SIGTERM", async () => {
    const data = tempDir();
    const sources = sourcesFile(web, [
      { id: "quick", host: "quick.gov.test", path: "/col/index.html", extra: { schedule: "*/3 * * * * *" } },
      // 6 requests a minute: a crawl of its five reports takes most of a minute
      { id: "slow", host: "slow.gov.test", path: "/col/index.html", extra: { schedule: "*/3 * * * * *", rate_per_minute: 6 } },
    ]);
    const holder = await DuckDBInstance.create(join(data, "govkpi.duckdb"));
    const schedule = spawnGovkpi(["schedule", "--sources", sources, "--data", data, "--metrics-port", "0", ...resolveArgs(web)]);
    try {
      await until(() => logLines(schedule.stderr()).some((l) => l.msg === "crawl could not start" && l.source === "quick"), "a failed tick");
      const failed = logLines(schedule.stderr()).find((l) => l.msg === "crawl could not start")!;
      expect(String(failed.err)).toMatch(/in use by another govkpi process/);
      holder.closeSync();

      // the next ticks run: the reports land, and the failed tick's run is in the runs table beside the good ones
      await until(async () => {
        const runs = await readParquet(data, "SELECT status FROM runs WHERE source = 'quick'").catch(() => []);
        return runs.some((r) => r.status === "ok") && runs.some((r) => r.status === "failed");
      }, "quick's runs in the warehouse");
      const quickRuns = await readParquet(data, "SELECT status, error FROM runs WHERE source = 'quick' AND status = 'failed'");
      expect(String(quickRuns[0]!.error)).toMatch(/could not start: .*in use by another govkpi process/);
      // a run ends once its reports are announced; they load right after
      const titles = async () => (await readParquet(data, "SELECT title FROM reports WHERE source = 'quick' ORDER BY title")).map((r) => r.title);
      await until(async () => (await titles()).length === 2, "quick's reports loaded");
      expect(await titles()).toEqual(["泰州市司法局2022年法治政府建设年度报告", "泰州市司法局2023年法治政府建设年度报告"]);
      // ticks of a source while its run goes on are skipped, not queued
      await until(() => logLines(schedule.stderr()).some((l) => l.source === "slow" && /tick skipped/.test(String(l.msg))), "a skipped tick");

      // what ops scrape: fetch outcomes, runs by status, last success, the empty-run flag, the process
      const metricsUrl = String(logLines(schedule.stderr()).find((l) => l.msg === "metrics served")!.url);
      const metrics = await (await fetch(metricsUrl)).text();
      expect(metrics).toMatch(/govkpi_crawl_fetches_total\{source="quick",outcome="fetched",reason="ok"\} [1-9]/);
      expect(metrics).toMatch(/govkpi_runs_total\{source="quick",kind="crawl",status="failed"\} 1/);
      expect(metrics).toMatch(/govkpi_runs_total\{source="quick",kind="crawl",status="ok"\} 1/);
      expect(metrics).toMatch(/govkpi_source_last_success_timestamp_seconds\{source="quick"\} \d{10}/);
      expect(metrics).toMatch(/govkpi_source_empty_runs\{source="quick"\} 0/);
      expect(metrics).toMatch(/govkpi_scheduler_tick_failures_total\{source="quick"\} 1/);
      expect(metrics).toMatch(/govkpi_facts_loaded_total [1-9]/);
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);

      // SIGTERM in the middle of slow's crawl
      await until(() => web.hitsOn("slow.gov.test").filter((h) => h.path.startsWith("/col/a")).length >= 1, "slow's crawl under way");
      const sent = Date.now();
      schedule.child.kill("SIGTERM");
      expect(await schedule.exited).toBe(0);
      expect(Date.now() - sent).toBeLessThan(5000);
    } finally {
      schedule.child.kill("SIGKILL");
      try {
        holder.closeSync();
      } catch {
        // already released
      }
    }
    const journal = readFileSync(join(data, "crawl", "slow.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { t: string; run?: { status: string } });
    expect(journal.filter((e) => e.t === "run").at(-1)!.run!.status).toBe("interrupted");
    expect(web.hitsOn("slow.gov.test").filter((h) => h.path.startsWith("/col/a")).length).toBeLessThan(5);
  }, 180_000);
});
