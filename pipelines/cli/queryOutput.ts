// How govkpi query writes a result: an aligned table, JSON lines, or an Arrow IPC stream.
import { type DuckDBResultReader, type DuckDBType, DuckDBTypeId, type Json } from "@duckdb/node-api";
import * as arrow from "apache-arrow";

function arrowType(typeId: DuckDBTypeId): arrow.DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new arrow.Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
      return new arrow.Int32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return new arrow.Int64();
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new arrow.Float64();
    case DuckDBTypeId.DATE:
      return new arrow.DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new arrow.TimestampMillisecond("UTC");
    default:
      return new arrow.Utf8();
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

export function toTable(reader: DuckDBResultReader): string {
  const names = reader.columnNames();
  const rows = reader.getRowsJson().map((r) => r.map((v) => (v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v))));
  const widths = names.map((n, i) => Math.min(60, Math.max(n.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join("  ");
  return `${[line(names), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), `(${rows.length} rows)`].join("\n")}\n`;
}

/** Integer and decimal types, which DuckDB's JSON conversion gives as strings so that no digit is lost. */
const EXACT_NUMBERS = new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.DECIMAL]);

/** A value as JSON text, its numbers as number literals with every digit (beyond 2^53 too: JSON has no limit). */
function jsonText(value: Json, type: DuckDBType): string {
  if (value === null) return "null";
  if (EXACT_NUMBERS.has(type.typeId) && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return value;
  if ((type.typeId === DuckDBTypeId.LIST || type.typeId === DuckDBTypeId.ARRAY) && Array.isArray(value)) {
    return `[${value.map((v) => jsonText(v, type.valueType)).join(",")}]`;
  }
  if (type.typeId === DuckDBTypeId.STRUCT && typeof value === "object" && !Array.isArray(value)) {
    return `{${type.entryNames.map((n, i) => `${JSON.stringify(n)}:${jsonText(value[n] ?? null, type.entryTypes[i]!)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** One JSON object per row. */
export function toJsonLines(reader: DuckDBResultReader): string {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  return reader
    .getRowsJson()
    .map((row) => `{${row.map((v, i) => `${JSON.stringify(names[i])}:${jsonText(v, types[i]!)}`).join(",")}}\n`)
    .join("");
}
