// govkpi reprocess: run every landed report again through parse, extract and load. Reports already
// loaded by the current extractor version are left as they are, so only a rule change does any work.
import type { Command } from "commander";
import { EmbeddedBus } from "../../bus/embedded.ts";
import { landedReports } from "../../../connectors/landed/landedReports.ts";
import { ingest } from "../../ingest.ts";
import { printSummary } from "../summary.ts";

export function registerReprocess(program: Command): void {
  program
    .command("reprocess")
    .description("re-run the stages over every landed report loaded by an older extractor version")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { data: string }) => {
      await ingest(new EmbeddedBus(), opts.data, (_landing, _warehouse, ctx) => landedReports(ctx), printSummary);
    });
}
