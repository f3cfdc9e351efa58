// Parquet for outside readers, never half-written: each table is copied into a fresh version folder,
// then the table's name (a symlink) is swapped to it with one rename. Readers glob through the link and
// see either the old snapshot or the new one. The previous version is kept for readers still on it.
import { mkdir, readdir, rename, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { PUBLISHED } from "../../schemas/warehouse.ts";

const KEEP_VERSIONS = 2;

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

export async function publishParquet(conn: DuckDBConnection, root: string): Promise<void> {
  const versions = join(root, ".versions");
  await mkdir(versions, { recursive: true });
  const stamp = `${Date.now()}-${process.pid}`;
  for (const table of PUBLISHED) {
    const target = join(versions, `${table.name}-${stamp}`);
    await mkdir(target, { recursive: true });
    const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM (${table.select})`)).getRows()[0]![0]);
    if (rows && table.partitionBy.length) {
      await conn.run(
        `COPY (${table.select}) TO ${quote(target)} (FORMAT parquet, PARTITION_BY (${table.partitionBy.join(", ")}), OVERWRITE_OR_IGNORE)`,
      );
    } else {
      await conn.run(`COPY (${table.select}) TO ${quote(join(target, "data.parquet"))} (FORMAT parquet)`);
    }
    const link = join(root, table.name);
    const tmpLink = `${link}.${stamp}.tmp`;
    await symlink(join(".versions", `${table.name}-${stamp}`), tmpLink);
    await rename(tmpLink, link);
    await pruneVersions(versions, table.name);
  }
}

async function pruneVersions(versions: string, name: string): Promise<void> {
  const mine = (await readdir(versions)).filter((d) => d.startsWith(`${name}-`)).sort((a, b) => stampOf(a) - stampOf(b));
  for (const old of mine.slice(0, Math.max(0, mine.length - KEEP_VERSIONS))) {
    await rm(join(versions, old), { recursive: true, force: true });
  }
}

const stampOf = (dir: string) => Number(dir.split("-").at(-2));
