// Runs panel SQL outside Grafana (the static report, the query benchmark), the way the DuckDB datasource
// plugin runs it inside: variables in Grafana's `sqlstring` format (the custom All value as is), then the
// backend's sqlds macros. tests/dashboards/grafana.test.ts checks `interpolate` against Grafana's own
// interpolation, so the two cannot drift.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ALL_VALUE, KPI_TRENDS } from "./panels.ts";

export interface TimeRange {
  from: Date;
  to: Date;
}

/** A variable's value: "all", or the chosen values with the text shown for them. */
export type VariableValue = "all" | { values: string[]; text?: string };

/** Grafana's sqlstring format: each value quoted, `'` doubled, `"` backslashed, joined with commas. */
const sqlString = (values: string[]) => values.map((v) => `'${v.replaceAll("'", "''").replaceAll('"', '\\"')}'`).join(",");

/** `${name}`, `$name`, `${name:text}`, `${name:raw}` → the value as Grafana's template service gives it. */
export function interpolate(sql: string, vars: Record<string, VariableValue>): string {
  return sql.replace(/\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g, (match, braced: string, fmt: string | undefined, bare: string) => {
    const v = vars[braced ?? bare];
    if (!v) return match;
    if (v === "all") return fmt === "text" ? "All" : ALL_VALUE;
    if (fmt === "text") return v.text ?? v.values.join(" + ");
    if (fmt === "raw") return v.values.join(",");
    return sqlString(v.values);
  });
}

/** Go's time.RFC3339 of a UTC time, as sqlds prints the range. */
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The sqlds macros the panels use: $__timeFilter(col), $__timeFrom(), $__timeTo(). */
export function expandMacros(sql: string, range: TimeRange): string {
  const from = rfc3339(range.from);
  const to = rfc3339(range.to);
  return sql
    .replace(/\$__timeFilter\(([^()]*)\)/g, (_, col: string) => `${col.trim()} >= '${from}' AND ${col.trim()} <= '${to}'`)
    .replace(/\$__timeFrom\(\)/g, `'${from}'`)
    .replace(/\$__timeTo\(\)/g, `'${to}'`);
}

export async function runSql(conn: DuckDBConnection, sql: string) {
  const reader = await conn.runAndReadAll(sql);
  return { columns: reader.columnNames(), rows: reader.getRowObjectsJS() as Record<string, unknown>[] };
}

/** The snapshot the warehouse's pointer names now ('' before snapshots are published). */
async function currentSnapshot(conn: DuckDBConnection): Promise<string> {
  return String((await runSql(conn, "SELECT snapshot FROM current_snapshot()")).rows[0]?.snapshot ?? "");
}

/** What a dashboard opens with: the current snapshot, the default metric, every other variable on All. */
export async function openingValues(conn: DuckDBConnection): Promise<Record<string, VariableValue>> {
  const metric = KPI_TRENDS.variables.find((v) => v.name === "metric")!.default!;
  return {
    snapshot: { values: [await currentSnapshot(conn)] },
    metric: { values: [metric], text: metric },
    province: "all",
    city: "all",
    admin_level: "all",
    org: "all",
    family: "all",
    source: "all",
  };
}
