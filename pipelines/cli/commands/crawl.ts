// govkpi crawl: crawl the registered sources now, then run the stages on what was new; each source's
// run is recorded in the runs table for the ops dashboard.
import type { Command } from "commander";

export function registerCrawl(program: Command): void {
  program
    .command("crawl")
    .description("crawl the sources of a sources.yaml now (all, or --source ID), then run the stages")
    .requiredOption("--sources <file>", "the source registry (see sources.example.yaml)")
    .option("--source <id>", "crawl only this source")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { sources: string; source?: string; data: string }) => {
      const [{ crawlAndLoad }, { sourcesOrExit }] = await Promise.all([import("../../crawlRun.ts"), import("../sourcesFile.ts")]);
      for (const source of await sourcesOrExit("crawl", opts.sources, opts.source)) await crawlAndLoad(source, opts.data);
    });
}
