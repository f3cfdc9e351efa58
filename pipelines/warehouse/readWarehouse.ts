// Read-only access to the published Parquet: an in-memory DuckDB with the reader views over ONE snapshot,
// resolved once when the reader opens, never the pipeline's database file, so a reader never waits on the
// writer's lock and never mixes two snapshots.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBResultReader } from "@duckdb/node-api";
import { readerMacros, readerViews } from "../../schemas/warehouse.ts";
import { currentSnapshotId, snapshotDir } from "./snapshots.ts";

export class NoWarehouseError extends Error {
  override name = "NoWarehouseError";
}

export class NotReadOnlyError extends Error {
  override name = "NotReadOnlyError";
}

/** The folder of the data dir's current snapshot (a warehouse published before snapshots: its table folders). */
export async function resolveSnapshot(dataDir: string): Promise<{ id: string | null; dir: string }> {
  const root = resolve(join(dataDir, "warehouse"));
  const id = await currentSnapshotId(root);
  if (id) return { id, dir: snapshotDir(root, id) };
  if (existsSync(join(root, "facts"))) return { id: null, dir: root };
  throw new NoWarehouseError(`no warehouse at ${root}: run \`govkpi run --data ${dataDir}\` first`);
}

export async function openReader(dataDir: string): Promise<DuckDBConnection> {
  const { dir } = await resolveSnapshot(dataDir);
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  // and the dashboards' table macros (they read the snapshot named in their argument)
  for (const sql of [...readerViews(dir), ...readerMacros(resolve(join(dataDir, "warehouse")))]) await conn.run(sql);
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
