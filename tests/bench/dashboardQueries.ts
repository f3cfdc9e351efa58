// npm run bench:dashboards [-- --data DIR] [--repeats N]: the dashboards at scale. Generates a warehouse
// of ≥ 5M facts (tests/helpers/kpiWarehouse.ts LARGE; or reuses --data), then
//  1. adds 10 reports in several provinces through the loader and times the publish that follows
//     (it rewrites the changed partitions of facts and reports and the changed provinces' aggregates);
//  2. times every dashboard query as Grafana interpolates it (All, and one province) over the Parquet
//     snapshot through the datasource's initSql macros: wall and CPU, p50 and p95;
//  3. copies the same snapshot into a DuckDB database file, attaches it read-only behind the same macro
//     names and times the same queries, so Parquet-over-macros and DuckDB-native are compared in one run.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { generateKpiWarehouse, LARGE } from "../helpers/kpiWarehouse.ts";
import { syntheticReports } from "../helpers/synthetic.ts";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { openReader, resolveSnapshot } from "../../pipelines/warehouse/readWarehouse.ts";
import { PUBLISHED, readerMacros } from "../../schemas/warehouse.ts";
import { dashboardSettings, timeDashboardQueries, type QueryTime } from "./dashboards.bench.ts";

const { values: args } = parseArgs({
  options: { data: { type: "string" }, work: { type: "string", default: "/tmp/govkpi-bench-dashboards" }, repeats: { type: "string", default: "20" } },
});
const REPEATS = Number(args.repeats);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0];

/** 10 reports of organisations in five provinces and two years each, loaded as the load stage does, then published. */
async function addTenReports(data: string): Promise<{ publishMs: number; loadMs: number }> {
  const w = await Warehouse.open(data, { publishIntervalMs: null });
  const provinces = (
    await w.conn.runAndReadAll("SELECT province, min(city), min(region_code) FROM reports WHERE admin_level = 'prefecture' GROUP BY 1 ORDER BY 1 LIMIT 5")
  ).getRows();
  const reports = syntheticReports(10, 14).map((r, i) => {
    const [province, city, code] = provinces[i % provinces.length]!.map(String);
    const id = `bench10-${Date.now().toString(16)}-${i}`.slice(0, 24).padEnd(24, "0");
    return {
      ...r,
      report_id: id,
      raw: { ...r.raw, source_url: `bench://${id}`, sha256: id.padEnd(64, "0") },
      metadata: { ...r.metadata, org_name: `${city}测试局`, province: province!, city: city!, region_code: code!, report_year: 2022 + (i % 2) },
    };
  });
  let started = performance.now();
  await w.replaceReports(reports);
  const loadMs = performance.now() - started;
  started = performance.now();
  await w.publish();
  const publishMs = performance.now() - started;
  await w.close();
  return { publishMs, loadMs };
}

/** The snapshot's published tables as a DuckDB file (same rows, same order), and a connection that
 * attaches it read-only behind the same `<table>_at(snap)` macros the dashboards call. */
async function nativeReader(snapshotDir: string, file: string, warehouseDir: string): Promise<{ conn: DuckDBConnection; buildMs: number }> {
  rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  const started = performance.now();
  const writer = await (await DuckDBInstance.create(file)).connect();
  for (const t of PUBLISHED) {
    const glob = `${snapshotDir}/${t.name}/**/*.parquet`;
    await writer.run(
      `CREATE TABLE ${t.name} AS SELECT * FROM read_parquet('${glob}', hive_partitioning = ${t.partitionBy ? "true" : "false"}, union_by_name = true)${t.orderBy ? ` ORDER BY ${t.orderBy}` : ""}`,
    );
  }
  writer.closeSync();
  const buildMs = performance.now() - started;
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  await conn.run(`ATTACH '${file}' AS native (READ_ONLY)`);
  // current_snapshot() as the Parquet reader has it; the table macros read the attached tables
  for (const sql of readerMacros(warehouseDir).filter((s) => s.includes("current_snapshot()"))) await conn.run(sql);
  for (const t of PUBLISHED) await conn.run(`CREATE OR REPLACE MACRO ${t.name}_at(snap) AS TABLE SELECT * FROM native.${t.name}`);
  return { conn, buildMs };
}

function table(parquet: QueryTime[], native: QueryTime[]): void {
  console.log(
    `${"query".padEnd(58)} ${"setting".padEnd(16)} ${"Parquet wall p50/p95".padStart(21)} ${"CPU p50/p95".padStart(13)} ${"native wall p50/p95".padStart(20)} ${"CPU p50/p95".padStart(13)}  rows`,
  );
  parquet.forEach((p, i) => {
    const n = native[i]!;
    console.log(
      `${`${p.dashboard} ${p.query}`.slice(0, 58).padEnd(58)} ${p.setting.slice(0, 16).padEnd(16)} ${`${fmt(p.p50)} / ${fmt(p.p95)} ms`.padStart(21)} ${`${fmt(p.cpuP50)} / ${fmt(p.cpuP95)}`.padStart(13)} ${`${fmt(n.p50)} / ${fmt(n.p95)} ms`.padStart(20)} ${`${fmt(n.cpuP50)} / ${fmt(n.cpuP95)}`.padStart(13)}  ${p.rows}`,
    );
  });
  const worst = (ts: QueryTime[], key: "p95" | "cpuP95") => Math.max(...ts.map((t) => t[key]));
  const sum = (ts: QueryTime[], key: "p50" | "cpuP50") => ts.reduce((n, t) => n + t[key], 0);
  console.log(
    `slowest p95: Parquet ${fmt(worst(parquet, "p95"))} ms wall (${fmt(worst(parquet, "cpuP95"))} ms CPU); native ${fmt(worst(native, "p95"))} ms wall (${fmt(worst(native, "cpuP95"))} ms CPU)`,
  );
  console.log(
    `all queries, sum of p50: Parquet ${fmt(sum(parquet, "p50"))} ms wall (${fmt(sum(parquet, "cpuP50"))} ms CPU); native ${fmt(sum(native, "p50"))} ms wall (${fmt(sum(native, "cpuP50"))} ms CPU)`,
  );
}

async function main(): Promise<void> {
  const data = args.data ? resolve(args.data) : join(args.work!, "data");
  if (!args.data || !existsSync(join(data, "govkpi.duckdb"))) {
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    const started = performance.now();
    const made = await generateKpiWarehouse(data, LARGE);
    console.log(
      `generated ${fmt(made.reports)} reports, ${fmt(made.facts)} facts, first (full) publish included: ${fmt((performance.now() - started) / 1000, 1)} s`,
    );
  }
  console.log(`load average now ${load()} on ${availableParallelism()} cores`);
  const added = await addTenReports(data);
  console.log(`+10 reports in 5 provinces: load ${fmt(added.loadMs)} ms, publish ${fmt(added.publishMs)} ms`);

  const parquet = await openReader(data);
  const settings = await dashboardSettings(parquet);
  const facts = Number((await parquet.runAndReadAll("SELECT count(*) FROM facts")).getRows()[0]![0]);
  const native = await nativeReader((await resolveSnapshot(data)).dir, join(args.work!, "native.duckdb"), join(data, "warehouse"));
  console.log(`native copy of the snapshot built in ${fmt(native.buildMs / 1000, 1)} s`);
  console.log(
    `\n== every dashboard query over ${fmt(facts)} facts, ${REPEATS} runs each on each reader, taking turns (settings: ${settings.map((s) => s.name).join(", ")}; load average ${load()})`,
  );
  const times = await timeDashboardQueries({ parquet, native: native.conn }, settings, REPEATS);
  table(
    times.filter((t) => t.reader === "parquet"),
    times.filter((t) => t.reader === "native"),
  );
  console.log(`load average at the end ${load()}`);
}

await main();
