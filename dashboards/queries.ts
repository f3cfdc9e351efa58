// Runs a panel's SQL the way Grafana's DuckDB datasource would: dashboard variables and the time-range
// macro substituted, then executed on a reader connection over the Parquet warehouse.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ALL } from "./panels.ts";

export interface TimeRange {
  from: Date;
  to: Date;
}

const timestamp = (d: Date) => `TIMESTAMP '${d.toISOString().slice(0, 19).replace("T", " ")}'`;
const literal = (v: string) => v.replaceAll("'", "''");

/** `${name}` → the variable's value (All → '%'), `$__timeFilter(expr)` → a range test on expr. */
export function expandSql(sql: string, values: Record<string, string>, range: TimeRange): string {
  return sql
    .replace(/\$__timeFilter\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g, (_, expr: string) => `(${expr} BETWEEN ${timestamp(range.from)} AND ${timestamp(range.to)})`)
    .replace(/\$\{(\w+)\}/g, (_, name: string) => literal(values[name] ?? ALL));
}

export async function runPanelSql(conn: DuckDBConnection, sql: string, values: Record<string, string>, range: TimeRange) {
  const reader = await conn.runAndReadAll(expandSql(sql, values, range));
  return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() };
}
