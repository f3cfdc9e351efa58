// Load benchmark: the warehouse's bulk load (DuckDB appender, one data chunk per batch) against the
// baseline it replaced in design review, one parameterised INSERT per fact, over the same facts in one run.
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { syntheticReports } from "../helpers/synthetic.ts";

const REPORTS = Number(process.env.BENCH_REPORTS ?? 400);
const FACTS_PER_REPORT = 50;

async function timed(label: string, body: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await body();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

export async function benchLoad(): Promise<void> {
  const reports = syntheticReports(REPORTS, FACTS_PER_REPORT);
  const facts = REPORTS * FACTS_PER_REPORT;
  const dir = mkdtempSync(join(tmpdir(), "govkpi-bench-"));
  try {
    const appender = await Warehouse.open(join(dir, "a"));
    const fast = await timed(`appender (${facts} facts)`, async () => {
      for (let i = 0; i < reports.length; i += 50) await appender.replaceReports(reports.slice(i, i + 50));
    });
    appender.close();

    const baseline = await Warehouse.open(join(dir, "b"));
    const slow = await timed(`row-by-row INSERT (${facts} facts)`, async () => {
      await baseline.transaction(async () => {
        const insert = await baseline.conn.prepare(
          "INSERT INTO facts VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19::DATE,$20,$21)",
        );
        for (const r of reports) {
          const m = r.metadata;
          for (const f of r.facts) {
            insert.bind([r.report_id, f.metric, f.family, f.value, f.unit, f.approx, f.redacted, f.qualifier, f.scope, f.evidence, f.offset,
              m.org_name, m.province, m.city, m.county, m.admin_level, m.region_code, m.report_year, m.published_date, r.raw.source_url, r.extractor_version]);
            await insert.run();
          }
        }
      });
    });
    baseline.close();
    console.log(`load: appender ${(facts / (fast / 1000)).toFixed(0)} facts/s, row-by-row ${(facts / (slow / 1000)).toFixed(0)} facts/s, speed-up ×${(slow / fast).toFixed(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLoad();
