// npm run bench [-- --reports N] [--facts M] [--work DIR]: the pipeline end to end, as a user runs it.
// Generates N reports with their true facts, runs the real `govkpi run` (the built CLI) on them and prints
// reports/s, facts/s, CPU use (whole run, and in the extract phase), peak RSS, and the floor measured in
// this same run (read + decode + one regex pass over the same files) with the ratio; then the recall on
// the generated facts and the duplicates; then +10 reports and a no-op run; then every dashboard query
// (with All, and with one province) over a copy of the warehouse scaled to ≥ M facts, p50/p95 each.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dashboardSettings, timeDashboardQueries } from "./dashboards.bench.ts";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { openReader } from "../../pipelines/warehouse/readWarehouse.ts";
import { generateReports, type TrueFact } from "./generate.ts";
import { REPO } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

const { values: args } = parseArgs({
  options: {
    reports: { type: "string", default: "20000" },
    facts: { type: "string", default: "5000000" },
    work: { type: "string" },
    repeats: { type: "string", default: "20" },
    /** only the dashboard queries, over the warehouse an earlier run of the same --reports left in --work */
    "queries-only": { type: "boolean", default: false },
  },
});
const N = Number(args.reports);
const FACTS = Number(args.facts);
const WORK = args.work ?? `/tmp/govkpi-bench-${N}`;
const CORES = availableParallelism();
const TICK = 100; // clock ticks per second of /proc/PID/stat (CLK_TCK on Linux)

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);

function generate(dir: string, count: number, start: number, truth: Map<string, TrueFact[]>): void {
  mkdirSync(dir, { recursive: true });
  for (const r of generateReports(count, start)) {
    writeFileSync(join(dir, r.file), r.text);
    truth.set(r.file, r.facts);
  }
}

/** Read + decode + one regex pass over every file: the least any pipeline must do with them. */
function floor(dir: string): { ms: number; matches: number } {
  const started = performance.now();
  let matches = 0;
  for (const f of readdirSync(dir))
    matches +=
      readFileSync(join(dir, f))
        .toString("utf8")
        .match(/[0-9]+[件宗起次家项个份条%]/g)?.length ?? 0;
  return { ms: performance.now() - started, matches };
}

interface RunStats {
  wallMs: number;
  cpuSeconds: number;
  /** the most the whole process tree (the CLI and its document workers) held at once, sampled */
  peakRssMb: number;
  /** the largest single process (from /usr/bin/time) */
  largestRssMb: number;
  extractPhase: { seconds: number; cpuSeconds: number } | null;
  stdout: string;
}

const PAGE_KB = 4;

/** The process tree under `pid` from /proc: CPU ticks (its reaped children's included) and resident memory. */
function treeUsage(pid: number): { ticks: number; rssKb: number } {
  let ticks = 0;
  let rssKb = 0;
  const visit = (p: number) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      rssKb += Number(fields[21]) * PAGE_KB;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim().split(" ").filter(Boolean)) visit(Number(child));
      }
    } catch {
      // the process ended between two reads
    }
  };
  visit(pid);
  return { ticks, rssKb };
}

/**
 * Runs the CLI under /usr/bin/time (exact CPU of the whole tree) and samples the tree's CPU and memory every
 * 200 ms: the peak RSS of the CLI and its document workers together, and the extract phase's share of CPU.
 */
function govkpiRun(input: string, data: string): Promise<RunStats> {
  const rusage = join(WORK, "rusage.txt");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      "/usr/bin/time",
      ["-f", "%e %U %S %M", "-o", rusage, process.execPath, join(REPO, "bin/govkpi.mjs"), "run", "--input", input, "--data", data],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let peakRssKb = 0;
    const sample = () => {
      const usage = treeUsage(child.pid!);
      peakRssKb = Math.max(peakRssKb, usage.rssKb);
      return usage;
    };
    const sampler = setInterval(sample, 200);
    const extract: Array<{ t: number; ticks: number }> = [];
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      if (/^extract: /m.test(c.toString())) extract.push({ t: performance.now(), ticks: sample().ticks });
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`govkpi run exited ${code}`));
      const [, user, sys, rssKb] = readFileSync(rusage, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
      const first = extract[0];
      const last = extract.at(-1);
      resolve({
        wallMs: performance.now() - started,
        cpuSeconds: user! + sys!,
        peakRssMb: peakRssKb / 1024,
        largestRssMb: rssKb! / 1024,
        extractPhase: first && last && last.t > first.t ? { seconds: (last.t - first.t) / 1000, cpuSeconds: (last.ticks - first.ticks) / TICK } : null,
        stdout,
      });
    });
  });
}

/** Recall on the generated facts, and duplicates (a report twice, a fact twice). */
async function quality(data: string, truth: Map<string, TrueFact[]>) {
  const rows = await readParquet(data, "SELECT r.file_name, f.metric, f.value, f.qualifier, f.scope FROM facts f JOIN reports r USING (report_id)");
  const found = new Set(rows.map((r) => `${r.file_name}|${r.metric}|${r.value}|${r.qualifier}|${r.scope}`));
  let expected = 0;
  let hit = 0;
  for (const [file, facts] of truth) {
    for (const f of facts) {
      expected++;
      if (found.has(`${file}|${f.metric}|${f.value}|${f.qualifier}|${f.scope}`)) hit++;
    }
  }
  const [dup] = await readParquet(
    data,
    `SELECT (SELECT count(*) - count(DISTINCT file_name) FROM reports) AS reports,
       (SELECT count(*) FROM facts) - (SELECT count(*) FROM (SELECT DISTINCT report_id, metric, qualifier, scope, value, evidence_offset FROM facts)) AS facts,
       (SELECT count(*) FROM reports) AS loaded, (SELECT count(*) FROM facts) AS total_facts`,
  );
  return {
    recall: hit / expected,
    expected,
    hit,
    duplicateReports: Number(dup!.reports),
    duplicateFacts: Number(dup!.facts),
    loaded: Number(dup!.loaded),
    facts: Number(dup!.total_facts),
  };
}

/** A copy of the warehouse with every report repeated under new ids and organisation names until it holds ≥ FACTS facts, published. */
async function scaledWarehouse(data: string): Promise<{ dir: string; facts: number; publishMs: number }> {
  const dir = join(WORK, "scaled");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(data, "govkpi.duckdb"), join(dir, "govkpi.duckdb"));
  const w = await Warehouse.open(dir, { publishIntervalMs: null });
  const facts = Number((await w.conn.runAndReadAll("SELECT count(*) FROM facts")).getRows()[0]![0]);
  const copies = Math.ceil(FACTS / facts);
  // one copy per statement: a single INSERT of every copy would hold them all in the writer's bounded memory
  for (let i = 1; i < copies; i++) {
    await w.transaction(async () => {
      for (const table of ["facts", "reports"]) {
        await w.conn.run(
          `INSERT INTO ${table} SELECT * REPLACE (report_id || '-${i}' AS report_id, org_name || '·${i}' AS org_name, report_year - ${i % 6} AS report_year) FROM ${table}
           WHERE NOT contains(report_id, '-')`,
        );
      }
    });
  }
  await w.conn.run("INSERT INTO publish_dirty VALUES ('facts', NULL, NULL), ('reports', NULL, NULL)");
  const started = performance.now();
  await w.publish();
  const publishMs = performance.now() - started;
  const total = Number((await w.conn.runAndReadAll("SELECT count(*) FROM facts")).getRows()[0]![0]);
  await w.close();
  return { dir, facts: total, publishMs };
}

async function dashboardQueries(data: string): Promise<void> {
  const conn = await openReader(data);
  let worst = 0;
  for (const t of await timeDashboardQueries({ parquet: conn }, await dashboardSettings(conn), Number(args.repeats))) {
    worst = Math.max(worst, t.p95);
    line(`  ${t.dashboard} ${t.query} [${t.setting}]`.slice(0, 44), `p50 ${fmt(t.p50)} ms  p95 ${fmt(t.p95)} ms  (${t.rows} rows)`);
  }
  line("slowest dashboard query p95", `${fmt(worst)} ms`);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(REPO, "bin/build.mjs")], { stdio: "inherit" });
  const input = join(WORK, "input");
  const data = join(WORK, "data");
  if (args["queries-only"]) return queries(data);
  rmSync(WORK, { recursive: true, force: true });
  const truth = new Map<string, TrueFact[]>();
  console.log(
    `== ${fmt(N)} generated reports → govkpi run (embedded bus, ${CORES} cores; load average now ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`,
  );
  generate(input, N, 0, truth);
  const bytes = readdirSync(input).reduce((n, f) => n + readFileSync(join(input, f)).byteLength, 0);
  line("input", `${fmt(N)} files, ${fmt(bytes / 1e6, 1)} MB, ${fmt([...truth.values()].reduce((n, f) => n + f.length, 0))} true facts`);

  const base = floor(input);
  const run = await govkpiRun(input, data);
  const q = await quality(data, truth);
  line("end to end", `${fmt(run.wallMs / 1000, 1)} s: ${fmt(N / (run.wallMs / 1000), 1)} reports/s, ${fmt(q.facts / (run.wallMs / 1000))} facts/s`);
  line(
    "floor (read + decode + one regex pass)",
    `${fmt(base.ms / 1000, 2)} s (${fmt(base.matches)} matches): the run takes ×${fmt(run.wallMs / base.ms, 1)} the floor`,
  );
  line("CPU, whole run", `${fmt(run.cpuSeconds, 1)} s = ${fmt((100 * run.cpuSeconds) / (run.wallMs / 1000) / CORES)} % of ${CORES} cores`);
  if (run.extractPhase) {
    const e = run.extractPhase;
    line("CPU, extract phase", `${fmt(e.cpuSeconds, 1)} s in ${fmt(e.seconds, 1)} s = ${fmt((100 * e.cpuSeconds) / e.seconds / CORES)} % of ${CORES} cores`);
  }
  line("peak RSS (CLI and document workers)", `${fmt(run.peakRssMb)} MB (largest process ${fmt(run.largestRssMb)} MB)`);
  line("recall on the generated facts", `${fmt(q.recall, 4)} (${fmt(q.hit)} of ${fmt(q.expected)})`);
  line("duplicates", `${q.duplicateReports} reports, ${q.duplicateFacts} facts (${fmt(q.loaded)} reports, ${fmt(q.facts)} facts loaded)`);

  generate(input, 10, N, truth);
  const more = await govkpiRun(input, data);
  line("+10 reports", `${fmt(more.wallMs / 1000, 2)} s  (${more.stdout.split("\n")[0]})`);
  const noop = await govkpiRun(input, data);
  line(`no-op run over ${fmt(N + 10)} files`, `${fmt(noop.wallMs / 1000, 2)} s  (${noop.stdout.split("\n")[0]})`);

  line("govkpi --help", `${fmt(cliCpu(["--help"]), 2)} s CPU`);

  await queries(data);
}

async function queries(data: string): Promise<void> {
  console.log(
    `\n== dashboard queries over a warehouse scaled to ≥ ${fmt(FACTS)} facts (${Number(args.repeats)} runs each, time range: last 10 years; load average now ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`,
  );
  const scaled = await scaledWarehouse(data);
  line("scaled warehouse", `${fmt(scaled.facts)} facts; full publish ${fmt(scaled.publishMs / 1000, 1)} s`);
  const started = performance.now();
  const queryCpu = cliCpu(["query", "SELECT metric, count(*) FROM facts GROUP BY ALL", "--data", scaled.dir]);
  line("govkpi query (GROUP BY over all facts)", `${fmt(queryCpu, 2)} s CPU, ${fmt((performance.now() - started) / 1000, 2)} s wall`);
  await dashboardQueries(scaled.dir);
}

/** CPU seconds (user + sys) of one CLI invocation, from /usr/bin/time. */
function cliCpu(cli: string[]): number {
  const { stderr } = spawnSync("/usr/bin/time", ["-f", "CPU %U %S", process.execPath, join(REPO, "bin/govkpi.mjs"), ...cli], { encoding: "utf8" });
  const [, user, sys] = /CPU ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  return Number(user) + Number(sys);
}

await main();
