// Published snapshots: DATA/warehouse/snapshots/<id>/ holds a complete, immutable, hive-partitioned copy
// of every published table and a manifest.json. A publish writes only the partitions that changed since
// the parent snapshot (new, uniquely named files) and hard-links the rest; it commits all tables at once
// by replacing the CURRENT pointer file with a rename (then the `current` symlink follows). A reader that
// resolves the snapshot once sees one whole snapshot however long it reads. Old snapshots go only after
// a grace period, and never the current one or its parent.
import { createHash, randomUUID } from "node:crypto";
import { link, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { POINTER_FILE, PUBLISHED, quote, UNKNOWN_PROVINCE, UNKNOWN_YEAR, type PartitionColumn, type PublishedTable } from "../../schemas/warehouse.ts";
import { fsyncPath } from "../fsync.ts";

export interface SnapshotFile {
  /** relative to the snapshot folder, e.g. facts/year=2023/province_code=CN-JS/part-<uuid>.parquet */
  path: string;
  rows: number;
  /** year=…/province_code=… (or province_code=… for a table partitioned by province alone) */
  partition: string | null;
}

export interface Manifest {
  id: string;
  parent: string | null;
  created_at: string;
  tables: Record<string, PublishedFiles>;
}

export interface PublishedFiles {
  rows: number;
  files: SnapshotFile[];
  /** of the SELECT that wrote them: a table whose definition changed (an upgrade) is written afresh */
  select_sha256: string;
}

/** A partition (year=…/province_code=…), or a whole table (partition null) that a load changed. */
export interface Change {
  source: string;
  partition: string | null;
}

const SNAPSHOTS = "snapshots";
const CURRENT_LINK = "current";
const nextId = (n: number) => String(n).padStart(10, "0");
/** Of what decides a table's files: its SQL, order, partitions, row groups and the table it derives from. */
const selectHash = (t: PublishedTable) =>
  createHash("sha256")
    .update(JSON.stringify([t.select, t.orderBy, t.partitionBy, t.rowGroupSize, t.derivedFrom]))
    .digest("hex");

export const snapshotDir = (root: string, id: string) => join(root, SNAPSHOTS, id);

/** The committed snapshot's id, or null before the first publish. */
export async function currentSnapshotId(root: string): Promise<string | null> {
  const id = await readFile(join(root, POINTER_FILE), "utf8").then(
    (s) => s.trim(),
    () => null,
  );
  return id || null;
}

export async function readManifest(root: string, id: string): Promise<Manifest | null> {
  return readFile(join(snapshotDir(root, id), "manifest.json"), "utf8").then(
    (s) => JSON.parse(s) as Manifest,
    () => null,
  );
}

/** Replaces `path` with a symlink to `target` by rename, so no reader ever finds it missing. */
async function pointLink(path: string, target: string): Promise<void> {
  const now = await readlink(path).catch(() => null);
  if (now === target) return;
  const tmp = `${path}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  await symlink(target, tmp);
  if (now === null) await rm(path, { recursive: true, force: true });
  await rename(tmp, path);
}

export interface PublishOptions {
  /** SQL of the partition keys, from a row's report_year and province */
  keys: { year: string; province_code: string };
  /** province name of each partition code, so a partial write first filters its sources on plain columns */
  provinceNames?: ReadonlyMap<string, string>;
  /** how long a superseded snapshot stays for readers still on it */
  graceMs: number;
  /** what a snapshot holds (default: PUBLISHED) */
  tables?: readonly PublishedTable[];
}

export class SnapshotPublisher {
  constructor(
    private readonly conn: DuckDBConnection,
    readonly root: string,
    private readonly options: PublishOptions,
  ) {}

  /** Publishes what changed since the current snapshot (everything if there is none); returns the id now current. */
  async publish(changes: Change[]): Promise<string> {
    const parentId = await currentSnapshotId(this.root);
    const parent = parentId ? await readManifest(this.root, parentId) : null;
    const redefined = parent && this.tables.some((t) => parent.tables[t.name]?.select_sha256 !== selectHash(t));
    if (parent && !changes.length && !redefined) {
      await this.linkTables(parent.id);
      return parent.id;
    }
    const id = await this.allocateId(parentId);
    const dir = snapshotDir(this.root, id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const manifest: Manifest = { id, parent: parent?.id ?? null, created_at: new Date().toISOString(), tables: {} };
    for (const table of this.tables) {
      manifest.tables[table.name] = await this.publishTable(table, dir, parent, changes);
    }
    await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
    // file names are unique: a path the parent has too is a hard link to a file already on disk
    const linked = new Set(Object.values(parent?.tables ?? {}).flatMap((t) => t.files.map((f) => f.path)));
    await this.syncTree(dir, linked);
    await this.commit(id);
    await this.collectGarbage(id);
    return id;
  }

  private async allocateId(parentId: string | null): Promise<string> {
    const existing = await readdir(join(this.root, SNAPSHOTS)).catch(() => [] as string[]);
    const numbers = [...existing, parentId ?? "0"].map(Number).filter(Number.isFinite);
    return nextId(Math.max(0, ...numbers) + 1);
  }

  private get tables(): readonly PublishedTable[] {
    return this.options.tables ?? PUBLISHED;
  }

  private async publishTable(table: PublishedTable, dir: string, parent: Manifest | null, changes: Change[]): Promise<PublishedFiles> {
    const relevant = changes.filter((c) => table.dependsOn.includes(c.source));
    const select_sha256 = selectHash(table);
    const before = parent?.tables[table.name];
    const whole = !before || before.select_sha256 !== select_sha256 || relevant.some((c) => c.partition === null);
    const changed = new Set(relevant.map((c) => c.partition && tablePartition(table, c.partition)));
    const files: SnapshotFile[] = [];
    if (!whole) {
      // an empty table's placeholder file goes once rows are written
      const kept = before.files.filter((f) => (f.rows > 0 || !relevant.length) && (table.partitionBy ? !changed.has(f.partition) : !relevant.length));
      const linked = await this.linkFiles(parent!.id, dir, kept).then(
        () => true,
        () => false,
      );
      // a parent file gone missing (removed by hand): write the whole table afresh
      if (!linked) {
        await rm(join(dir, table.name), { recursive: true, force: true });
        return this.publishTable(table, dir, null, changes);
      }
      files.push(...kept);
    }
    if (whole || relevant.length) files.push(...(await this.write(table, dir, whole ? null : ([...changed] as string[]))));
    if (!files.length) files.push(await this.writeEmpty(table, dir));
    return { rows: files.reduce((n, f) => n + f.rows, 0), files, select_sha256 };
  }

  private async linkFiles(parentId: string, dir: string, files: SnapshotFile[]): Promise<void> {
    const from = snapshotDir(this.root, parentId);
    const made = new Set<string>();
    for (const f of files) {
      const parentDir = dirname(join(dir, f.path));
      if (!made.has(parentDir)) await mkdir(parentDir, { recursive: true });
      made.add(parentDir);
      await link(join(from, f.path), join(dir, f.path));
    }
  }

  /**
   * Writes the table's rows (of the given partitions only, or all) as new Parquet files in the snapshot,
   * sorted by the table's order. A partial write reads only those partitions' rows of the tables it
   * depends on (CTEs named like the tables shadow them), so an aggregate over a province costs that
   * province; an aggregate of an aggregate reads the latter's Parquet just written to this snapshot.
   */
  private async write(table: PublishedTable, dir: string, partitions: string[] | null): Promise<SnapshotFile[]> {
    const target = join(dir, table.name);
    const options = `FORMAT parquet${table.rowGroupSize ? `, ROW_GROUP_SIZE ${table.rowGroupSize}` : ""}`;
    if (!table.partitionBy) {
      const path = join(target, `part-${randomUUID()}.parquet`);
      await mkdir(target, { recursive: true });
      const sorted = `${sourcesSql(table, dir, "")}SELECT * FROM (${table.select})${table.orderBy ? ` ORDER BY ${table.orderBy}` : ""}`;
      const stats = await this.conn.runAndReadAll(`COPY (${sorted}) TO ${quote(path)} (${options}, RETURN_STATS)`);
      return stats.getRowObjectsJS().map((s) => ({ path: relative(dir, path), rows: Number(s.count), partition: null }));
    }
    const keys = this.options.keys;
    const name = (columns: Record<PartitionColumn, string>) => table.partitionBy!.map((c) => `'${c}=' || ${columns[c]}`).join(" || '/' || ");
    const only = partitions ? ` WHERE ${this.prefilter(partitions)}${name(keys)} IN (${partitions.map(quote).join(", ") || "NULL"})` : "";
    const keyed = `${sourcesSql(table, dir, only)}SELECT *, ${table.partitionBy.map((c) => `${keys[c]} AS ${c}`).join(", ")} FROM (${table.select})`;
    // partition keys first: each partition's rows arrive together, so it is one file, in the table's order
    const order = [...table.partitionBy, ...(table.orderBy ? [table.orderBy] : [])].join(", ");
    const stats = await this.conn.runAndReadAll(
      `COPY (SELECT * FROM (${keyed}) ORDER BY ${order}) TO ${quote(target)}
       (${options}, PARTITION_BY (${table.partitionBy.join(", ")}), FILENAME_PATTERN 'part-{uuid}', APPEND, RETURN_STATS)`,
    );
    return stats.getRowObjectsJS().map((s) => {
      const path = relative(dir, String(s.filename));
      return { path, rows: Number(s.count), partition: partitionOf(path) };
    });
  }

  /** Conditions on report_year and province that hold for the rows of these partitions (and are cheap
   * to test, unlike the keys' CASE), each followed by AND; '' when a partition has no plain equivalent. */
  private prefilter(partitions: string[]): string {
    const values = (column: string) => [...new Set(partitions.map((p) => new RegExp(`${column}=([^/]+)`).exec(p)?.[1]).filter((v) => v !== undefined))];
    const years = values("year").map(Number);
    const names = values("province_code").map((c) => this.options.provinceNames?.get(c!));
    const conditions = [];
    if (years.length && !years.includes(UNKNOWN_YEAR)) conditions.push(`report_year IN (${years.join(", ")})`);
    if (names.length && names.every((n) => n !== undefined)) conditions.push(`province IN (${names.map((n) => quote(n!)).join(", ")})`);
    return conditions.map((c) => `${c} AND `).join("");
  }

  /** An empty table is one empty file, so readers' globs find its columns. */
  private async writeEmpty(table: PublishedTable, dir: string): Promise<SnapshotFile> {
    const unknown = { year: String(UNKNOWN_YEAR), province_code: UNKNOWN_PROVINCE };
    const partition = table.partitionBy?.map((c) => `${c}=${unknown[c]}`).join("/") ?? null;
    const path = join(table.name, ...(partition ? [partition] : []), `part-${randomUUID()}.parquet`);
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await this.conn.run(`COPY (${sourcesSql(table, dir, "")}SELECT * FROM (${table.select}) LIMIT 0) TO ${quote(join(dir, path))} (FORMAT parquet)`);
    return { path, rows: 0, partition };
  }

  /** New files and every folder (the links' names) reach the disk before the pointer that makes them visible; linked files are on disk already. */
  private async syncTree(dir: string, linked: Set<string>): Promise<void> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const fresh = entries.filter((e) => e.isDirectory() || !linked.has(relative(dir, join(e.parentPath, e.name))));
    await Promise.all(fresh.map((e) => fsyncPath(join(e.parentPath, e.name))));
    await fsyncPath(dir);
    await fsyncPath(join(this.root, SNAPSHOTS));
  }

  /** The commit point: CURRENT replaced by rename. Then `current` and the table links for directory readers. */
  private async commit(id: string): Promise<void> {
    const pointer = join(this.root, POINTER_FILE);
    const tmp = `${pointer}.${process.pid}.tmp`;
    await writeFile(tmp, id, { flush: true });
    await rename(tmp, pointer);
    await fsyncPath(this.root);
    await this.linkTables(id);
  }

  /** `current` → snapshots/<id>, and DATA/warehouse/<table> → current/<table> (fixed links for analysts). */
  async linkTables(id: string): Promise<void> {
    await pointLink(join(this.root, CURRENT_LINK), join(SNAPSHOTS, id));
    for (const t of this.tables) await pointLink(join(this.root, t.name), join(CURRENT_LINK, t.name));
    // the layout before snapshots: one version folder per table, now unreferenced
    await rm(join(this.root, ".versions"), { recursive: true, force: true });
  }

  /** Removes snapshots superseded longer than the grace period ago (never the current one or its parent), and unfinished ones. */
  private async collectGarbage(currentId: string): Promise<void> {
    const ids = (await readdir(join(this.root, SNAPSHOTS))).filter((d) => /^\d+$/.test(d)).sort();
    const manifests = new Map<string, Manifest | null>();
    for (const id of ids) manifests.set(id, await readManifest(this.root, id));
    const keep = new Set([currentId, manifests.get(currentId)?.parent]);
    const now = Date.now();
    const doomed = ids.filter((id, i) => {
      if (keep.has(id)) return false;
      if (!manifests.get(id) || id > currentId) return true;
      const successor = ids
        .slice(i + 1)
        .map((s) => manifests.get(s))
        .find((m) => m);
      return now - Date.parse(successor?.created_at ?? new Date(now).toISOString()) >= this.options.graceMs;
    });
    for (const id of doomed) await rm(snapshotDir(this.root, id), { recursive: true, force: true });
  }
}

/**
 * The WITH clause that gives a table's select its sources: the DuckDB tables it reads, filtered by `only`
 * (a WHERE on the partition keys, or ''), or the published table it derives from, from this snapshot's Parquet.
 */
function sourcesSql(table: PublishedTable, dir: string, only: string): string {
  const from = table.derivedFrom;
  if (from)
    return `WITH ${from} AS (SELECT * FROM read_parquet(${quote(join(dir, from, "**", "*.parquet"))}, hive_partitioning = false, union_by_name = true)${only}) `;
  return only ? `WITH ${table.dependsOn.map((t) => `${t} AS (SELECT * FROM main.${t}${only})`).join(", ")} ` : "";
}

const partitionOf = (path: string) => /((?:year=[^/]+\/)?province_code=[^/]+)\//.exec(path)?.[1] ?? null;
/** A changed year=…/province_code=… as the table's partition: province_code=… for a table partitioned by province alone. */
const tablePartition = (table: PublishedTable, partition: string) => (table.partitionBy?.includes("year") ? partition : partition.replace(/^year=[^/]+\//, ""));
