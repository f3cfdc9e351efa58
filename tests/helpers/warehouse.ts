// Reads a data dir's published Parquet the way an analyst who pins a snapshot would: DuckDB over the
// hive-partitioned globs of the snapshot CURRENT names, resolved once.
import { DuckDBInstance } from "@duckdb/node-api";
import { readerViews } from "../../schemas/warehouse.ts";
import { resolveSnapshot } from "../../pipelines/warehouse/readWarehouse.ts";

export async function readParquet(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  for (const view of readerViews((await resolveSnapshot(dataDir)).dir)) await conn.run(view);
  const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  conn.closeSync();
  return rows;
}

/** What a run put in the warehouse, in a stable order: two runs that agree give equal values. */
export const warehouseContents = async (dataDir: string) => ({
  reports: await readParquet(dataDir, "SELECT report_id, file_name, fact_count, report_year FROM reports ORDER BY report_id"),
  facts: await readParquet(dataDir, "SELECT report_id, metric, value, qualifier, scope, evidence_offset FROM facts ORDER BY ALL"),
});
