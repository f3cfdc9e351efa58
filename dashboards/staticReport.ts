// The static report's data: every panel of the dashboards run over the warehouse's current snapshot, with
// the variables on All, once for all provinces and once per province (the page filters by province and year).
import type { DuckDBConnection } from "@duckdb/node-api";
import { DASHBOARDS, EVIDENCE_UID, KPI_TRENDS, type DashboardDef } from "./panels.ts";
import { unitWord, type PanelData, type ReportData } from "./htmlReport.ts";
import { expandMacros, interpolate, openingValues, runSql, type VariableValue } from "./queries.ts";

/** Every year there is: the page filters by year itself. */
const ALL_TIME = { from: new Date("1990-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") };
/** the evidence rows a page carries per province */
const EVIDENCE_ROWS = 3000;

const column = async (conn: DuckDBConnection, sql: string) => (await runSql(conn, sql)).rows.map((r) => String(Object.values(r)[0]));

/** Runs every panel with the variables on All (the province as given), the metric on its default. */
async function runPanels(conn: DuckDBConnection, vars: Record<string, VariableValue>): Promise<Record<string, PanelData>> {
  const out: Record<string, PanelData> = {};
  for (const d of DASHBOARDS) {
    let dashVars = vars;
    if (d.uid === EVIDENCE_UID) {
      const orgs = await column(conn, expandMacros(interpolate(KPI_TRENDS.variables.find((v) => v.name === "org")!.sql, vars), ALL_TIME));
      // every organisation of the province ('' matches none when it has none)
      dashVars = { ...vars, org: { values: orgs.length ? orgs : [""] }, metric: "all" };
    }
    for (const p of d.panels) {
      const result = await runSql(conn, expandMacros(interpolate(p.sql, dashVars), ALL_TIME));
      out[`${d.uid}-${p.id}`] = { columns: result.columns, rows: d.uid === EVIDENCE_UID ? result.rows.slice(0, EVIDENCE_ROWS) : result.rows };
    }
  }
  return out;
}

export async function buildReport(conn: DuckDBConnection): Promise<ReportData> {
  const base = await openingValues(conn);
  const metric = String((base.metric as { text: string }).text);
  const provinces = await column(conn, expandMacros(interpolate(KPI_TRENDS.variables.find((v) => v.name === "province")!.sql, base), ALL_TIME));
  const years = (
    await runSql(conn, interpolate("SELECT DISTINCT report_year FROM kpi_rollup_at(${snapshot}) WHERE report_year IS NOT NULL ORDER BY 1", base))
  ).rows.map((r) => Number(r.report_year));
  const datasets: ReportData["datasets"] = { "": await runPanels(conn, base) };
  for (const p of provinces) datasets[p] = await runPanels(conn, { ...base, province: { values: [p] } });
  const section = (d: DashboardDef) => ({
    title: d.title,
    description: d.description,
    panels: d.panels.map((p) => ({
      id: `${d.uid}-${p.id}`,
      title: p.title.replaceAll("${metric:text}", metric),
      kind: p.kind,
      description: p.description,
      unit: unitWord(p.unit),
    })),
  });
  return { sections: DASHBOARDS.map(section), provinces: ["", ...provinces], years, datasets };
}
