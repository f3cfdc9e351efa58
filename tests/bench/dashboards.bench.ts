// Every dashboard query (variables and panels) timed as Grafana runs it: interpolated with the dashboard's
// variables in the plugin's sqlstring format and the sqlds macros (dashboards/queries.ts;
// tests/dashboards/grafana.test.ts holds `interpolate` equal to Grafana's own scene interpolation for
// exactly these settings and queries: benchVariables), on the current snapshot.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DASHBOARDS, EVIDENCE_UID, type DashboardDef } from "../../dashboards/panels.ts";
import { expandMacros, interpolate, openingValues, runSql, type VariableValue } from "../../dashboards/queries.ts";

export interface QueryTime {
  /** which reader: the bench may time several, alternating, so that they share the machine's load */
  reader: string;
  dashboard: string;
  query: string;
  setting: string;
  p50: number;
  p95: number;
  /** CPU time of the process (DuckDB's threads included) per run, p50 and p95: what a busy machine does not inflate */
  cpuP50: number;
  cpuP95: number;
  rows: number;
}

export interface BenchSetting {
  name: string;
  /** every variable's value: "all", or the values chosen */
  values: Record<string, VariableValue>;
  /** the evidence dashboard's organisation (it reads nothing until one is chosen) */
  org: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** "All" (what a dashboard opens with) and one province, with the metric on its default; the evidence
 * dashboard with one organisation (the one with most reports) and every metric. */
export async function dashboardSettings(conn: DuckDBConnection): Promise<BenchSetting[]> {
  const all = await openingValues(conn);
  const first = async (sql: string) => String(Object.values((await runSql(conn, interpolate(sql, all))).rows[0] ?? {})[0] ?? "");
  const province = await first("SELECT province FROM kpi_rollup_at(${snapshot}) WHERE province IS NOT NULL GROUP BY 1 ORDER BY sum(orgs) DESC, 1 LIMIT 1");
  const org = await first("SELECT org_name FROM orgs_at(${snapshot}) ORDER BY reports DESC, org_name LIMIT 1");
  return [
    { name: "All", values: all, org },
    { name: `province=${province}`, values: { ...all, province: { values: [province] } }, org },
  ];
}

/** The variables a dashboard's queries are interpolated with for a setting. */
export function benchVariables(dashboard: DashboardDef, setting: BenchSetting): Record<string, VariableValue> {
  return dashboard.uid === EVIDENCE_UID ? { ...setting.values, org: { values: [setting.org] }, metric: "all" } : setting.values;
}

/** Every variable and panel query of every dashboard, with its name. */
export const benchQueries = (dashboard: DashboardDef) => [
  ...dashboard.variables.map((v) => ({ name: `variable ${v.name}`, sql: v.sql })),
  ...dashboard.panels.map((p) => ({ name: `panel ${p.id} ${p.title}`, sql: p.sql })),
];

/** The time range the bench uses: the last 10 years. */
export const benchRange = () => ({ from: new Date(Date.UTC(new Date().getUTCFullYear() - 10, 0, 1)), to: new Date() });

/** Times every query in every setting `repeats` times on each reader (name → connection), the readers taking turns. */
export async function timeDashboardQueries(readers: Record<string, DuckDBConnection>, settings: BenchSetting[], repeats: number): Promise<QueryTime[]> {
  const range = benchRange();
  const out: QueryTime[] = [];
  for (const dashboard of DASHBOARDS) {
    for (const q of benchQueries(dashboard)) {
      for (const setting of settings) {
        const sql = expandMacros(interpolate(q.sql, benchVariables(dashboard, setting)), range);
        const runs = Object.fromEntries(Object.keys(readers).map((r) => [r, { wall: [] as number[], cpu: [] as number[], rows: 0 }]));
        for (let i = 0; i < repeats; i++) {
          for (const [name, conn] of Object.entries(readers)) {
            const started = performance.now();
            const cpuBefore = process.cpuUsage();
            runs[name]!.rows = (await conn.runAndReadAll(sql)).currentRowCount;
            const used = process.cpuUsage(cpuBefore);
            runs[name]!.wall.push(performance.now() - started);
            runs[name]!.cpu.push((used.user + used.system) / 1000);
          }
        }
        for (const [reader, { wall, cpu, rows }] of Object.entries(runs)) {
          wall.sort((a, b) => a - b);
          cpu.sort((a, b) => a - b);
          out.push({
            reader,
            dashboard: dashboard.uid.replace("govkpi-", ""),
            query: q.name,
            setting: setting.name,
            rows,
            p50: percentile(wall, 50),
            p95: percentile(wall, 95),
            cpuP50: percentile(cpu, 50),
            cpuP95: percentile(cpu, 95),
          });
        }
      }
    }
  }
  return out;
}
