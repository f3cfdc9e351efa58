// govkpi schedule: crawl every source on its cron schedule until SIGTERM; runs are recorded in `runs`.
import type { Command } from "commander";

export function registerSchedule(program: Command): void {
  program
    .command("schedule")
    .description("crawl each source of a sources.yaml on its schedule (never two runs of one source at once)")
    .requiredOption("--sources <file>", "the source registry (see sources.example.yaml)")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { sources: string; data: string }) => {
      const [{ crawlAndLoad }, { scheduleSources }, { sourcesOrExit }] = await Promise.all([
        import("../../crawlRun.ts"), import("../../scheduler/scheduler.ts"), import("../sourcesFile.ts"),
      ]);
      const sources = await sourcesOrExit("schedule", opts.sources);
      // one source at a time: each crawl's stages write the same DuckDB file
      let queue = Promise.resolve();
      const scheduler = scheduleSources(
        sources,
        (source) => (queue = queue.then(() => crawlAndLoad(source, opts.data))),
        {
          started: (id) => console.error(`${new Date().toISOString()} ${id}: run started`),
          finished: (id, err) => console.error(`${new Date().toISOString()} ${id}: run ${err ? `failed: ${err.message}` : "finished"}`),
          skipped: (id) => console.error(`${new Date().toISOString()} ${id}: tick skipped, the previous run is still going`),
        },
      );
      console.error(`scheduled ${sources.map((s) => `${s.id} (${s.schedule})`).join(", ")}`);
      const stop = async () => {
        await scheduler.stop();
        process.exit(0);
      };
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
}
