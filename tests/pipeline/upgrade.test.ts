// A warehouse made by the previous version (tests/fixtures/previous-version): opening it reconciles it with
// the registry, so codes added since load, and `govkpi reprocess` after an upgrade gives what a fresh run gives.
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { METRIC_CODES, metricDef } from "../../schemas/metrics.ts";
import { REPO, govkpi, tempDir } from "../helpers/cli.ts";
import { syntheticReports } from "../helpers/synthetic.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

const FIXTURE = join(REPO, "tests/fixtures/previous-version/data-3a2e92e.tar.gz");

function previousVersionData(): string {
  const data = tempDir();
  execFileSync("tar", ["-xzf", FIXTURE, "-C", data]);
  return data;
}

async function sql(data: string, statement: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(join(data, "govkpi.duckdb"));
  const conn = await db.connect();
  const rows = (await conn.runAndReadAll(statement)).getRows();
  conn.closeSync();
  db.closeSync();
  return rows;
}

describe("a warehouse made by the previous version", () => {
  it("takes a metric code its CHECK constraint did not list", async () => {
    const data = previousVersionData();
    const [[check]] = (await sql(data, "SELECT expression FROM duckdb_constraints() WHERE table_name = 'facts' AND expression LIKE '%metric%'")) as [[string]];
    const added = METRIC_CODES.filter((code) => !check.includes(`'${code}'`));
    expect(added.length).toBeGreaterThan(0);

    const w = await Warehouse.open(data, { publishIntervalMs: null });
    const [report] = syntheticReports(1, 1);
    const def = metricDef(added[0]!);
    report!.facts[0] = { ...report!.facts[0]!, metric: def.code, family: def.family, unit: def.unit };
    await w.replaceReports([report!]);
    await w.publish();
    await w.close();
    expect(await readParquet(data, `SELECT count(*) AS n FROM facts WHERE metric = '${added[0]}'`)).toEqual([{ n: "1" }]);
    expect(await readParquet(data, "SELECT count(*) AS n FROM reports")).toEqual([{ n: "6" }]);
  });

  it("after an upgrade, reprocess gives what a fresh run gives, published as a snapshot", async () => {
    const data = previousVersionData();
    // whatever the version now, the fixture's reports count as loaded by an older extractor
    await sql(data, "UPDATE reports SET extractor_version = '0.0.0-previous'");
    const reprocess = await govkpi(["reprocess", "--data", data]);
    expect(reprocess.code, reprocess.stderr).toBe(0);
    expect(reprocess.stdout).toMatch(/5 reports collected, 0 unchanged .*, 5 loaded, 0 errors/);

    const fresh = tempDir();
    expect((await govkpi(["run", "--data", fresh])).code).toBe(0);
    const { facts } = await warehouseContents(fresh);
    expect((await warehouseContents(data)).facts).toEqual(facts);
    expect(existsSync(join(data, "warehouse", ".versions"))).toBe(false);
    expect(realpathSync(join(data, "warehouse", "facts"))).toMatch(/\/snapshots\/\d+\/facts$/);
  });
});
