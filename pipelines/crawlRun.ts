// One crawl of one source, then the stages on what was new; the run is recorded in the runs table.
// `govkpi crawl` calls it now, `govkpi schedule` on each source's cron.
import { randomUUID } from "node:crypto";
import cliProgress from "cli-progress";
import type { Source } from "../schemas/sources.ts";
import { EmbeddedBus } from "./bus/embedded.ts";
import { crawlSource, type CrawlResult } from "../connectors/crawler/crawl.ts";
import { ingest } from "./ingest.ts";
import type { RunRecord } from "./warehouse/warehouse.ts";
import { printSummary } from "./cli/summary.ts";

export async function crawlAndLoad(source: Source, dataDir: string): Promise<void> {
  const run: RunRecord = { run_id: randomUUID(), source: source.id, started_at: new Date().toISOString(), ended_at: null, status: "running", fetched: 0, new: 0, failed: 0, error: null };
  let crawled: CrawlResult | null = null;
  await ingest(
    new EmbeddedBus(),
    dataDir,
    async (landing, warehouse) => {
      await warehouse.saveRun(run);
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: `${source.id} [{bar}] {value}/{total} articles` }) : null;
      try {
        crawled = await crawlSource(source, landing, warehouse, {}, (done, total) => {
          if (!bar) return void process.stderr.write(`${source.id}: ${done}/${total} articles\n`);
          if (done === 1) bar.start(total, 0);
          bar.update(done);
        });
      } finally {
        bar?.stop();
      }
      for (const e of crawled.errors) console.error(`error: crawl ${source.id}: ${e}`);
      return { raws: crawled.raws, skipped: [] };
    },
    async (warehouse, result) => {
      const c = crawled!;
      await warehouse.saveRun({
        ...run, ended_at: new Date().toISOString(), status: c.errors.length && !c.fetched ? "failed" : "ok",
        fetched: c.fetched, new: c.raws.length, failed: c.errors.length + result.failed, error: c.errors[0] ?? null,
      });
      await warehouse.publish();
      console.log(`${source.id}: fetched ${c.fetched}, new or changed ${c.raws.length}, unchanged ${c.unchanged}, errors ${c.errors.length}`);
      await printSummary(warehouse, result);
    },
  );
}
