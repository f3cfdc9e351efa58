import { describe, expect, it } from "vitest";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { loadStage } from "../../pipelines/stages/load/stage.ts";
import { ReportFacts } from "../../schemas/messages.ts";
import { tempDir } from "../helpers/cli.ts";
import { syntheticReports } from "../helpers/synthetic.ts";

const count = async (w: Warehouse, sql: string) => Number((await w.conn.runAndReadAll(sql)).getRows()[0]![0]);

describe("warehouse load", () => {
  it("bulk-loads batches larger than one DuckDB data chunk, and replacing them changes nothing", async () => {
    const w = await Warehouse.open(tempDir());
    const reports = syntheticReports(60, 50).map((r) => ReportFacts.parse(r));
    await w.replaceReports(reports);
    expect(await count(w, "SELECT count(*) FROM facts")).toBe(3000);
    await w.replaceReports(reports);
    expect(await count(w, "SELECT count(*) FROM facts")).toBe(3000);
    expect(await count(w, "SELECT count(*) FROM reports")).toBe(60);
    expect(await count(w, `SELECT count(DISTINCT evidence_offset) FROM facts WHERE report_id = '${reports[7]!.report_id}'`)).toBe(50);
    await w.close();
  });

  it("keeps one copy of a report that comes twice in one batch", async () => {
    const w = await Warehouse.open(tempDir());
    const [r] = syntheticReports(1, 7);
    await w.replaceReports([r!, { ...r!, raw: { ...r!.raw, source_url: "bench://other-url" } }]);
    expect(await count(w, "SELECT count(*) FROM reports")).toBe(1);
    expect(await count(w, "SELECT count(*) FROM facts")).toBe(7);
    await w.close();
  });

  it("clears a payload's earlier dead letters once its report loads (a cause that went away)", async () => {
    const w = await Warehouse.open(tempDir(), { publishIntervalMs: null });
    const [r] = syntheticReports(1, 3);
    const letter = (key: string) => ({
      stage: "load",
      reason: "IO Error: No space left on device",
      source: "bench",
      source_url: null,
      landing_key: key,
      excerpt: null,
      failed_at: new Date().toISOString(),
    });
    await w.recordDeadLetters([letter(r!.raw.landing_key), letter("sha256/00/other")]);
    await w.replaceReports([r!]);
    expect((await w.conn.runAndReadAll("SELECT landing_key FROM dead_letters")).getRows()).toEqual([["sha256/00/other"]]);
    await w.close();
  });

  it("rolls a failing batch back whole: no report of it is half-loaded", async () => {
    const w = await Warehouse.open(tempDir());
    const [good, bad] = syntheticReports(2, 5);
    bad!.metadata.admin_level = "galaxy" as never;
    await expect(w.replaceReports([good!, bad!])).rejects.toThrow(/CHECK constraint/i);
    expect(await count(w, "SELECT count(*) FROM reports")).toBe(0);
    expect(await count(w, "SELECT count(*) FROM facts")).toBe(0);
    await w.close();
  });
});

describe("load stage", () => {
  it("loads the good reports of a batch and returns the bad one's error for the dead-letter queue", async () => {
    const w = await Warehouse.open(tempDir());
    const [good, bad, alsoGood] = syntheticReports(3, 5);
    bad!.metadata.admin_level = "galaxy" as never;
    const results = await loadStage(w).process([good!, bad!, alsoGood!]);
    expect(results[0]).toEqual([]);
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[2]).toEqual([]);
    expect(await count(w, "SELECT count(*) FROM reports")).toBe(2);
    await w.close();
  });
});
