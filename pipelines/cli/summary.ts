// The table printed at the end of a run: what this run did, and what the warehouse holds now.
import type { IngestResult } from "../ingest.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";

export async function printSummary(warehouse: Warehouse, run: IngestResult, out = process.stdout): Promise<void> {
  const rows = async (sql: string) => (await warehouse.conn.runAndReadAll(sql)).getRowObjectsJson();
  const [totals] = await rows(
    "SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM dead_letters) AS dead_letters",
  );
  const families = await rows("SELECT family, count(*) AS facts, count(DISTINCT report_id) AS reports FROM facts GROUP BY family ORDER BY family");
  const poison = run.deadLettered ? `, ${run.deadLettered} dead-lettered before (not retried: see govkpi dlq)` : "";
  const lines = [
    `this run: ${run.collected} reports collected, ${run.unchanged} unchanged (already loaded), ${run.loaded} loaded, ${run.failed} errors (dead letters), ${run.skipped} files skipped${poison}`,
    `warehouse: ${totals!.reports} reports, ${totals!.facts} facts, ${totals!.dead_letters} dead letters`,
    "family        facts  reports",
    ...families.map((f) => `${String(f.family).padEnd(13)} ${String(f.facts).padStart(5)}  ${String(f.reports).padStart(7)}`),
  ];
  out.write(`${lines.join("\n")}\n`);
}
