// govkpi crawl: crawl the registered sources now, in parallel across hosts, and hand what is new to the
// stages of this process (then wait for them) or to Kafka. Each source's run is recorded in `runs`; the
// exit code says whether every source was read (0), some URLs failed (1) or a source failed (3).
import type { Command } from "commander";
import { addCrawlerOptions, type CrawlerOptions } from "../connectorOptions.ts";

export function registerCrawl(program: Command): void {
  const command = program
    .command("crawl")
    .description("crawl the sources of a sources.yaml now (all, or --source ID) and hand what is new to the stages or Kafka")
    .option("--source <id>", "crawl only this source");
  addCrawlerOptions(command).action(async (opts: CrawlerOptions & { source?: string }) => (await import("../actions/crawl.ts")).crawl(opts));
}
