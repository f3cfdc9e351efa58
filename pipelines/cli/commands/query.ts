// govkpi query "SQL": read-only SQL over the Parquet warehouse (views facts, reports, dead_letters, runs).
import type { Command } from "commander";
import { type DuckDBResultReader, DuckDBTypeId } from "@duckdb/node-api";
import * as arrow from "apache-arrow";
import { NoWarehouseError, NotReadOnlyError, openReader, readOnlyQuery } from "../../warehouse/readWarehouse.ts";

const FORMATS = ["table", "json", "arrow"] as const;

function arrowType(typeId: DuckDBTypeId): arrow.DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN: return new arrow.Bool();
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER: return new arrow.Int32();
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.HUGEINT: return new arrow.Int64();
    case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE: case DuckDBTypeId.DECIMAL: return new arrow.Float64();
    case DuckDBTypeId.DATE: return new arrow.DateDay();
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_TZ: return new arrow.TimestampMillisecond("UTC");
    default: return new arrow.Utf8();
  }
}

/** An Arrow IPC stream of the result, typed per column, for pandas, Polars or DuckDB to read. */
export function toArrowIpc(reader: DuckDBResultReader): Uint8Array {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRowObjectsJS();
  const columns: Record<string, arrow.Vector> = {};
  names.forEach((name, i) => {
    const type = arrowType(types[i]!.typeId);
    const values = rows.map((r) => {
      const v = r[name];
      if (v === null || v === undefined) return null;
      if (type instanceof arrow.Int64) return BigInt(v as bigint | number);
      if (type instanceof arrow.Float64) return Number(v);
      if (type instanceof arrow.Utf8 && typeof v !== "string") return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
      return v;
    });
    columns[name] = arrow.vectorFromArray(values, type);
  });
  return arrow.tableToIPC(new arrow.Table(columns), "stream");
}

function toTable(reader: DuckDBResultReader): string {
  const names = reader.columnNames();
  const rows = reader.getRowsJson().map((r) => r.map((v) => (v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v))));
  const widths = names.map((n, i) => Math.min(60, Math.max(n.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + "…" : c.padEnd(widths[i]!))).join("  ");
  return [line(names), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), `(${rows.length} rows)`].join("\n") + "\n";
}

export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("run read-only SQL over the Parquet warehouse (views: facts, reports, dead_letters, runs)")
    .argument("<sql>", "one SELECT statement")
    .option("--data <dir>", "data directory", "./data")
    .option("--format <format>", `output: ${FORMATS.join(" | ")}`, "table")
    .action(async (sql: string, opts: { data: string; format: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        console.error(`govkpi query: --format must be one of ${FORMATS.join(", ")}`);
        process.exit(2);
      }
      try {
        const reader = await readOnlyQuery(await openReader(opts.data), sql);
        if (opts.format === "arrow") process.stdout.write(toArrowIpc(reader));
        else if (opts.format === "json") process.stdout.write(reader.getRowObjectsJson().map((r) => JSON.stringify(r)).join("\n") + "\n");
        else process.stdout.write(toTable(reader));
      } catch (err) {
        const usage = err instanceof NoWarehouseError || err instanceof NotReadOnlyError;
        console.error(`govkpi query: ${(err as Error).message}`);
        process.exit(usage ? 2 : 1);
      }
    });
}
