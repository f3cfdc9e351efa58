import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { EXTRACTOR_VERSION } from "../../pipelines/stages/extract/index.ts";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

async function markLoadedByOlderExtractor(data: string): Promise<void> {
  const db = await DuckDBInstance.create(join(data, "govkpi.duckdb"));
  const conn = await db.connect();
  await conn.run("UPDATE reports SET extractor_version = '0.0.0-old'");
  await conn.run("UPDATE facts SET extractor_version = '0.0.0-old'");
  await conn.run("UPDATE renderings SET extractor_version = '0.0.0-old'");
  conn.closeSync();
  db.closeSync();
}

describe("govkpi reprocess", () => {
  it("re-runs reports loaded by an older extractor from the landing zone, replacing their rows", async () => {
    const data = tempDir();
    expect((await govkpi(["run", "--data", data])).code).toBe(0);
    const before = await readParquet(data, "SELECT report_id, metric, value, qualifier FROM facts ORDER BY ALL");
    const reports = await readParquet(data, "SELECT report_id, sha256, source_url FROM reports ORDER BY report_id");
    await markLoadedByOlderExtractor(data);

    const same = await govkpi(["reprocess", "--data", data]);
    expect(same.stdout).toMatch(new RegExp(`${reports.length} reports collected, 0 unchanged .*, ${reports.length} loaded`));
    expect(await readParquet(data, "SELECT report_id, sha256, source_url FROM reports ORDER BY report_id")).toEqual(reports);
    expect(await readParquet(data, "SELECT report_id, metric, value, qualifier FROM facts ORDER BY ALL")).toEqual(before);
    const versions = await readParquet(data, "SELECT DISTINCT extractor_version AS v FROM reports");
    expect(versions).toEqual([{ v: EXTRACTOR_VERSION }]);

    const again = await govkpi(["reprocess", "--data", data]);
    expect(again.stdout).toMatch(new RegExp(`${reports.length} unchanged`));
  });
});
