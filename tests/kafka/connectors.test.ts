// The connectors on Kafka, as the compose file runs them: govkpi crawl and govkpi serve with --bus kafka
// beside the parse, extract and load workers (the load worker holding the warehouse all along) give the
// warehouse, runs included, that the same crawl and posts give on the embedded bus.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { shortReport, smallColumn } from "../connectors/govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "../connectors/govWeb/vhost.ts";
import { crawl, sourcesFile } from "../connectors/govWeb/crawlCli.ts";
import { killServers, post, serve } from "../connectors/webhookCli.ts";
import { BROKERS, freshKafka, kafkaArgs, WorkerProcess } from "./broker.ts";
import { publishedRows, untilLoaded } from "./warehouses.ts";

let web: GovWeb;
beforeAll(async () => {
  web = await startGovWeb(() => ({
    "k1.gov.test": smallColumn("淮安市司法局", [shortReport("淮安市司法局", 2022), shortReport("淮安市司法局", 2023)]),
    "k2.gov.test": smallColumn("宿迁市民政局", [shortReport("宿迁市民政局", 2021), shortReport("宿迁市民政局", 2023)]),
  }));
});
afterAll(() => web.close());
afterEach(killServers);

const REPORTS = 5;
const sample = readFileSync(join(SAMPLES, "dongyang-health-2022.txt"));
const runsOf = (data: string) => readParquet(data, "SELECT source, kind, status, discovered, new, failed FROM runs ORDER BY source, started_at");

/** What the connectors do in either setting: crawl both columns, post one report, let the client's run end. */
async function feed(data: string, args: string[]): Promise<void> {
  const sources = sourcesFile(web, [
    { id: "k1", host: "k1.gov.test", path: "/col/index.html" },
    { id: "k2", host: "k2.gov.test", path: "/col/index.html" },
  ]);
  const crawled = await crawl(web, sources, data, args);
  expect(crawled.code, crawled.stderr).toBe(0);
  const served = await serve(data, ["--run-idle-seconds", "1", ...args]);
  const accepted = await post(served.url, sample, "text/plain; charset=utf-8", undefined, { "x-source-url": "https://mzj.example.gov.cn/2022.html" });
  expect(accepted.status).toBe(202);
  await new Promise((r) => setTimeout(r, 2000));
  served.child.kill("SIGTERM");
  await new Promise((r) => served.child.on("exit", r));
}

describe.skipIf(!BROKERS)("connectors on Kafka", () => {
  const workers: WorkerProcess[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill("SIGKILL")));
  });

  it("crawl and serve publish, the workers load, and the warehouse is the embedded one", async () => {
    const embedded = tempDir();
    await feed(embedded, []);
    await untilLoaded(embedded, REPORTS);

    const config = freshKafka();
    const data = tempDir();
    const args = [...kafkaArgs(config)];
    for (const stage of ["parse", "extract", "load"]) workers.push(new WorkerProcess(["--stage", stage, ...args, "--data", data]));
    await Promise.all(workers.map((w) => w.waitFor(/joined, partitions/)));
    await feed(data, ["--bus", "kafka", ...args]);
    await untilLoaded(data, REPORTS);
    // the last run records come after the reports: a run is recorded when it starts and again when it ends
    const settled = JSON.stringify(await runsOf(embedded));
    for (let i = 0; i < 100 && JSON.stringify(await runsOf(data)) !== settled; i++) await new Promise((r) => setTimeout(r, 200));

    expect(await publishedRows(data)).toEqual(await publishedRows(embedded));
    expect(await runsOf(data)).toEqual(await runsOf(embedded));
    expect(await runsOf(data)).toEqual([
      { source: "k1", kind: "crawl", status: "ok", discovered: 2, new: 2, failed: 0 },
      { source: "k2", kind: "crawl", status: "ok", discovered: 2, new: 2, failed: 0 },
      { source: "webhook", kind: "webhook", status: "ok", discovered: 1, new: 1, failed: 0 },
    ]);
  }, 240_000);
});
