// How govkpi query writes a result: an aligned table, JSON lines, or an Arrow IPC stream.
import { type DuckDBResultReader, DuckDBTypeId } from "@duckdb/node-api";
import * as arrow from "apache-arrow";

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

export function toTable(reader: DuckDBResultReader): string {
  const names = reader.columnNames();
  const rows = reader.getRowsJson().map((r) => r.map((v) => (v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v))));
  const widths = names.map((n, i) => Math.min(60, Math.max(n.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + "…" : c.padEnd(widths[i]!))).join("  ");
  return [line(names), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), `(${rows.length} rows)`].join("\n") + "\n";
}

