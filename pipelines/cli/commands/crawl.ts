// govkpi crawl: crawl the registered sources now, then run the stages on what was new; each source's
// run is recorded in the runs table for the ops dashboard.
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { EmbeddedBus } from "../../bus/embedded.ts";
import { crawlSource, type CrawlResult } from "../../../connectors/crawler/crawl.ts";
import { parseSources } from "../../../schemas/sources.ts";
import { ingest } from "../../ingest.ts";
import type { RunRecord } from "../../warehouse/warehouse.ts";
import { printSummary } from "../summary.ts";

export function registerCrawl(program: Command): void {
  program
    .command("crawl")
    .description("crawl the sources of a sources.yaml now (all, or --source ID), then run the stages")
    .requiredOption("--sources <file>", "the source registry (see sources.example.yaml)")
    .option("--source <id>", "crawl only this source")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { sources: string; source?: string; data: string }) => {
      let sources;
      try {
        sources = parseSources(await readFile(opts.sources, "utf8"));
      } catch (err) {
        console.error(`govkpi crawl: ${opts.sources}: ${(err as Error).message}`);
        process.exit(2);
      }
      const chosen = sources.filter((s) => !opts.source || s.id === opts.source);
      if (!chosen.length) {
        console.error(`govkpi crawl: no source ${opts.source} in ${opts.sources}`);
        process.exit(2);
      }
      for (const source of chosen) {
        const run: RunRecord = { run_id: randomUUID(), source: source.id, started_at: new Date().toISOString(), ended_at: null, status: "running", fetched: 0, new: 0, failed: 0, error: null };
        let crawled: CrawlResult | null = null;
        await ingest(
          new EmbeddedBus(),
          opts.data,
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
    });
}

