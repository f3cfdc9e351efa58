// Published snapshots as readers meet them: a publish rewrites only the partitions that changed, and
// readers (DuckDB over a resolved snapshot's globs, govkpi query, the Grafana initSql macros) querying in
// a loop while the writer publishes see whole snapshots only, with no error.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { SnapshotPublisher, readManifest } from "../../pipelines/warehouse/snapshots.ts";
import { PUBLISHED, currentSnapshotSql, partitionKeySql, provinceCodes, readerViews, snapshotInitSql } from "../../schemas/warehouse.ts";
import { PROVINCES as REGIONS } from "../../schemas/regions.ts";
import type { ReportFacts } from "../../schemas/messages.ts";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { syntheticReports } from "../helpers/synthetic.ts";

const PROVINCES = [
  ["江苏省", "320000"],
  ["浙江省", "330000"],
  ["四川省", "510000"],
  [null, null],
] as const;

/** `n` reports of round `round`: distinct ids, spread over four years and four provinces (one unknown). */
function reports(round: number, n: number, value = 1): ReportFacts[] {
  return syntheticReports(n, 3).map((r, i) => {
    const id = (round * 1000 + i).toString(16).padStart(24, "0");
    const [province, region_code] = PROVINCES[(round + i) % PROVINCES.length]!;
    return {
      ...r,
      report_id: id,
      raw: { ...r.raw, sha256: id.padEnd(64, "1"), landing_key: `sha256/00/${id.padEnd(64, "1")}`, source_url: `test://${id}` },
      metadata: { ...r.metadata, province, region_code, city: null, report_year: i % 5 === 4 ? null : 2020 + ((round + i) % 4) },
      facts: r.facts.map((f) => ({ ...f, value: value * (i + 1) })),
    };
  });
}

const CONSISTENCY = `SELECT (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM reports) AS reports,
  (SELECT sum(value) FROM facts) AS total, (SELECT count(*) FROM facts JOIN reports USING (report_id)) AS joined`;
const key = (row: Record<string, unknown>) => [row.facts, row.reports, row.total ?? 0, row.joined].map(Number).join("/");

describe("snapshots", () => {
  it("a publish rewrites only the partitions that changed and hard-links the rest", async () => {
    const data = tempDir();
    const w = await Warehouse.open(data, { publishIntervalMs: null });
    await w.replaceReports(reports(1, 40));
    const first = await w.publish();
    await w.replaceReports(reports(2, 1));
    const second = await w.publish();
    const root = join(data, "warehouse");
    const before = await readManifest(root, first);
    const after = await readManifest(root, second);
    expect(after!.parent).toBe(first);
    const changed = after!.tables.facts!.files.filter((f) => !before!.tables.facts!.files.some((b) => b.path === f.path));
    expect(changed.map((f) => f.partition)).toEqual(["year=2022/province_code=CN-SC"]);
    for (const f of after!.tables.facts!.files.filter((f) => !changed.includes(f))) {
      expect(statSync(join(root, "snapshots", second, f.path)).ino).toBe(statSync(join(root, "snapshots", first, f.path)).ino);
    }
    // dead letters and runs did not change: linked too
    expect(after!.tables.dead_letters!.files).toEqual(before!.tables.dead_letters!.files);
    expect(after!.tables.facts!.rows).toBe(123);
    expect(await w.publish()).toBe(second);
    expect(readFileSync(join(root, "CURRENT"), "utf8").trim()).toBe(second);
    expect(realpathSync(join(root, "facts"))).toBe(join(realpathSync(root), "snapshots", second, "facts"));
    await w.close();
  });

  it("writes a table afresh when its definition changed (an upgrade), even with no new data", async () => {
    const data = tempDir();
    const w = await Warehouse.open(data, { publishIntervalMs: null });
    const root = join(data, "warehouse");
    const publisher = (select: string) =>
      new SnapshotPublisher(w.conn, root, {
        keys: partitionKeySql(provinceCodes(REGIONS)),
        graceMs: 60_000,
        tables: [...PUBLISHED, { name: "labels", select, dependsOn: [], partitionBy: null }],
      });
    const first = await publisher("SELECT 'petitions.total' AS code, '信访总量' AS label").publish([]);
    expect(await publisher("SELECT 'petitions.total' AS code, '信访总量' AS label").publish([])).toBe(first);
    const second = await publisher("SELECT 'petitions.total' AS code, '信访件总量' AS label").publish([]);
    expect(second).not.toBe(first);
    const reader = await (await DuckDBInstance.create(":memory:")).connect();
    const labels = await reader.runAndReadAll(`SELECT label FROM read_parquet('${join(root, "snapshots", second, "labels")}/*.parquet')`);
    expect(labels.getRows()).toEqual([["信访件总量"]]);
    const [before, after] = [await readManifest(root, first), await readManifest(root, second)];
    expect(after!.tables.facts!.files).toEqual(before!.tables.facts!.files);
    await w.close();
  });

  it("removes superseded snapshots only after the grace period, never the current one or its parent", async () => {
    const data = tempDir();
    const root = join(data, "warehouse", "snapshots");
    // a grace longer than four publishes take on a busy machine
    const w = await Warehouse.open(data, { publishIntervalMs: null, graceMs: 20_000 });
    const ids = [];
    for (let round = 1; round <= 4; round++) {
      await w.replaceReports(reports(round, 5));
      ids.push(await w.publish());
    }
    expect(readdirSync(root).sort()).toEqual(expect.arrayContaining(ids));
    await new Promise((r) => setTimeout(r, 20_100));
    await w.replaceReports(reports(9, 1));
    const last = await w.publish();
    expect(readdirSync(root).sort()).toEqual([ids.at(-1), last]);
    await w.close();
  }, 90_000);

  it("three kinds of reader querying during 30 publishes see whole snapshots only, with no error", async () => {
    const data = tempDir();
    const root = join(data, "warehouse");
    const w = await Warehouse.open(data, { publishIntervalMs: null });
    const whole = new Set([key({ facts: 0, reports: 0, total: 0, joined: 0 })]);
    const expected = async () => key((await w.conn.runAndReadAll(CONSISTENCY)).getRowObjectsJS()[0]!);
    const errors: string[] = [];
    const seen: Record<string, string[]> = { globs: [], query: [], macros: [] };
    let publishing = true;

    const loop = async (name: string, read: () => Promise<Record<string, unknown>>) => {
      while (publishing) {
        await read().then(
          (row) => seen[name]!.push(key(row)),
          (err: Error) => errors.push(`${name}: ${err.message}`),
        );
      }
    };
    const memory = async () => (await DuckDBInstance.create(":memory:")).connect();
    const globs = loop("globs", async () => {
      const conn = await memory();
      const id = readFileSync(join(root, "CURRENT"), "utf8").trim();
      for (const sql of readerViews(join(root, "snapshots", id))) await conn.run(sql);
      return (await conn.runAndReadAll(CONSISTENCY)).getRowObjectsJS()[0]!;
    });
    const query = loop("query", async () => {
      const run = await govkpi(["query", CONSISTENCY, "--data", data, "--format", "json"]);
      if (run.code !== 0) throw new Error(run.stderr);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    });
    const macros = loop("macros", async () => {
      const conn = await memory();
      for (const sql of snapshotInitSql(root)) await conn.run(sql);
      const snap = String((await conn.runAndReadAll(currentSnapshotSql(root))).getRows()[0]![0]);
      const pinned = CONSISTENCY.replace(/FROM (facts|reports)\b/g, `FROM $1_at('${snap}')`).replace(/JOIN reports/, `JOIN reports_at('${snap}')`);
      return (await conn.runAndReadAll(pinned)).getRowObjectsJS()[0]!;
    });

    let publishes = 0;
    for (let round = 1; publishes < 30 || seen.query!.length < 3; round++) {
      await w.replaceReports(reports(round, 20));
      // replacing earlier reports with new values changes old partitions too
      await w.replaceReports(reports(Math.max(1, round - 3), 10, round));
      whole.add(await expected());
      await w.publish();
      publishes++;
    }
    publishing = false;
    await Promise.all([globs, query, macros]);
    await w.close();

    expect(errors).toEqual([]);
    for (const [name, keys] of Object.entries(seen)) {
      expect(keys.length, name).toBeGreaterThan(2);
      for (const k of keys) expect(whole, `${name} saw ${k}`).toContain(k);
    }
    expect(new Set(seen.globs).size).toBeGreaterThan(3);
    expect(existsSync(join(root, "snapshots"))).toBe(true);
  }, 300_000);
});
