// Read-only access to the published Parquet: an in-memory DuckDB with the reader views, never the
// pipeline's database file, so a reader never waits on the writer's lock.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBResultReader } from "@duckdb/node-api";
import { readerViews } from "../../schemas/warehouse.ts";

export class NoWarehouseError extends Error {
  override name = "NoWarehouseError";
}

export class NotReadOnlyError extends Error {
  override name = "NotReadOnlyError";
}

export async function openReader(dataDir: string): Promise<DuckDBConnection> {
  const root = resolve(join(dataDir, "warehouse"));
  if (!existsSync(join(root, "facts"))) throw new NoWarehouseError(`no warehouse at ${root}: run \`govkpi run --data ${dataDir}\` first`);
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  for (const sql of readerViews(root)) await conn.run(sql);
  return conn;
}

/** Runs one read-only statement (SELECT, or EXPLAIN/DESCRIBE/SHOW) and reads all of its rows. */
export async function readOnlyQuery(conn: DuckDBConnection, sql: string): Promise<DuckDBResultReader> {
  const statements = await conn.extractStatements(sql);
  if (statements.count !== 1) throw new NotReadOnlyError(`give exactly one SQL statement (got ${statements.count})`);
  const prepared = await statements.prepare(0);
  const allowed = [StatementType.SELECT, StatementType.EXPLAIN];
  if (!allowed.includes(prepared.statementType)) {
    throw new NotReadOnlyError(`only read-only queries are allowed (SELECT, EXPLAIN); got ${StatementType[prepared.statementType]}`);
  }
  return prepared.runAndReadAll();
}
