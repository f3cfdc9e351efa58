// The table printed at the end of a run: what the warehouse holds now, and what this run did.
import type { Warehouse } from "../warehouse/warehouse.ts";

export interface RunTally {
  files: number;
  skippedUnchanged: number;
  skippedFiles: number;
  failed: number;
}

export async function printSummary(warehouse: Warehouse, tally: RunTally, out = process.stdout): Promise<void> {
  const rows = async (sql: string) => (await warehouse.conn.runAndReadAll(sql)).getRowObjectsJson();
  const [totals] = await rows(
    "SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM dead_letters) AS dead_letters",
  );
  const families = await rows("SELECT family, count(*) AS facts, count(DISTINCT report_id) AS reports FROM facts GROUP BY family ORDER BY family");
  const lines = [
    `this run: ${tally.files} files, ${tally.skippedUnchanged} unchanged (already loaded), ${tally.skippedFiles} skipped, ${tally.failed} errors`,
    `warehouse: ${totals!.reports} reports, ${totals!.facts} facts, ${totals!.dead_letters} dead letters`,
    "family        facts  reports",
    ...families.map((f) => `${String(f.family).padEnd(13)} ${String(f.facts).padStart(5)}  ${String(f.reports).padStart(7)}`),
  ];
  out.write(lines.join("\n") + "\n");
}
