import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { tempDir } from "../helpers/cli.ts";

describe("Parquet publishing", () => {
  it("swaps whole snapshots: a reader during repeated publishes sees an old or a new table, never a partial one", async () => {
    const data = tempDir();
    const warehouse = await Warehouse.open(data);
    const root = join(data, "warehouse");
    const reader = await (await DuckDBInstance.create(":memory:")).connect();
    const seen = new Set<number>();
    for (let round = 1; round <= 8; round++) {
      await warehouse.conn.run(
        `INSERT INTO dead_letters SELECT 'load', 'reason ' || i, NULL, NULL, NULL, NULL, now() FROM range(${round * 500}) t(i)`,
      );
      let done = false;
      const publishing = warehouse.publish().then(() => {
        done = true;
      });
      while (!done) {
        const n = await reader
          .runAndReadAll(`SELECT count(*) FROM read_parquet('${root}/dead_letters/*.parquet')`)
          .then((r) => Number(r.getRows()[0]![0]), () => -1);
        if (n >= 0) seen.add(n);
      }
      await publishing;
    }
    const totals = Array.from({ length: 8 }, (_, i) => (500 * (i + 1) * (i + 2)) / 2);
    expect(seen.size).toBeGreaterThan(1);
    for (const n of seen) expect(totals).toContain(n);
    expect(lstatSync(join(root, "dead_letters")).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(root, ".versions")).filter((d) => d.startsWith("dead_letters-")).length).toBeLessThanOrEqual(2);
    warehouse.close();
  });
});
