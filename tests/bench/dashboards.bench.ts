// Every dashboard query (variables and panels) timed as Grafana runs it: interpolated with the dashboard's
// variables in the plugin's sqlstring format and the sqlds macros (dashboards/queries.ts, which
// tests/dashboards/grafana.test.ts holds equal to Grafana's own scene interpolation), on the current snapshot.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DASHBOARDS, EVIDENCE_UID, KPI_TRENDS } from "../../dashboards/panels.ts";
import { currentSnapshot, expandMacros, interpolate, runSql, type VariableValue } from "../../dashboards/queries.ts";

export interface QueryTime {
  dashboard: string;
  query: string;
  setting: string;
  p50: number;
  p95: number;
  rows: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** "All" (what a dashboard opens with) and one province, with the metric on its default; the evidence
 * dashboard always with one organisation (it reads nothing until one is chosen). */
export async function dashboardSettings(conn: DuckDBConnection): Promise<Array<[string, Record<string, VariableValue>]>> {
  const metric = KPI_TRENDS.variables.find((v) => v.name === "metric")!.default!;
  const all: Record<string, VariableValue> = {
    snapshot: { values: [await currentSnapshot(conn)] }, metric: { values: [metric], text: metric },
    province: "all", city: "all", admin_level: "all", org: "all", family: "all", source: "all",
  };
  const first = async (sql: string) => String(Object.values((await runSql(conn, interpolate(sql, all))).rows[0] ?? {})[0] ?? "");
  const province = await first("SELECT province FROM kpi_rollup_at(${snapshot}) WHERE province IS NOT NULL GROUP BY 1 ORDER BY sum(orgs) DESC LIMIT 1");
  return [["All", all], [`province=${province}`, { ...all, province: { values: [province] } }]];
}

export async function timeDashboardQueries(conn: DuckDBConnection, settings: Array<[string, Record<string, VariableValue>]>, repeats: number): Promise<QueryTime[]> {
  const range = { from: new Date(Date.UTC(new Date().getUTCFullYear() - 10, 0, 1)), to: new Date() };
  const org = String(Object.values((await runSql(conn, interpolate("SELECT org_name FROM orgs_at(${snapshot}) ORDER BY reports DESC, org_name LIMIT 1", settings[0]![1]))).rows[0] ?? {})[0]);
  const out: QueryTime[] = [];
  for (const dashboard of DASHBOARDS) {
    const queries = [
      ...dashboard.variables.map((v) => ({ name: `variable ${v.name}`, sql: v.sql })),
      ...dashboard.panels.map((p) => ({ name: `panel ${p.id} ${p.title}`, sql: p.sql })),
    ];
    for (const q of queries) {
      for (const [setting, values] of settings) {
        const vars = dashboard.uid === EVIDENCE_UID ? { ...values, org: { values: [org] }, metric: "all" as const } : values;
        const sql = expandMacros(interpolate(q.sql, vars), range);
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < repeats; i++) {
          const started = performance.now();
          rows = (await conn.runAndReadAll(sql)).currentRowCount;
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        out.push({ dashboard: dashboard.uid.replace("govkpi-", ""), query: q.name, setting, p50: percentile(times, 50), p95: percentile(times, 95), rows });
      }
    }
  }
  return out;
}
