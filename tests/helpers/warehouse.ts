// Reads a data dir's published Parquet the way an analyst would: DuckDB over the hive-partitioned globs.
import { DuckDBInstance } from "@duckdb/node-api";
import { join } from "node:path";

export async function readParquet(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const root = join(dataDir, "warehouse").replaceAll("'", "''");
  await conn.run(`CREATE VIEW facts AS SELECT * FROM read_parquet('${root}/facts/**/*.parquet', hive_partitioning = true, union_by_name = true)`);
  await conn.run(`CREATE VIEW reports AS SELECT * FROM read_parquet('${root}/reports/**/*.parquet', hive_partitioning = true, union_by_name = true)`);
  await conn.run(`CREATE VIEW dead_letters AS SELECT * FROM read_parquet('${root}/dead_letters/*.parquet')`);
  const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  conn.closeSync();
  return rows;
}

/** What a run put in the warehouse, in a stable order: two runs that agree give equal values. */
export const warehouseContents = async (dataDir: string) => ({
  reports: await readParquet(dataDir, "SELECT report_id, file_name, fact_count, report_year FROM reports ORDER BY report_id"),
  facts: await readParquet(dataDir, "SELECT report_id, metric, value, qualifier, scope, evidence_offset FROM facts ORDER BY ALL"),
});
