// govkpi reprocess: run every landed report again through parse, extract and load. Reports already
// loaded by the current extractor version are left as they are, so only a rule change does any work.
import type { Command } from "commander";
import { addLimitOptions, limitsFromOptions, type LimitOptions } from "../limitOptions.ts";

export function registerReprocess(program: Command): void {
  const reprocess = program
    .command("reprocess")
    .description("re-run the stages over every landed report loaded by an older extractor version")
    .option("--data <dir>", "data directory", "./data");
  addLimitOptions(reprocess).action(async (opts: LimitOptions & { data: string }) => {
    const limits = limitsFromOptions("reprocess", opts);
    const [{ EmbeddedBus }, { landedReports }, { ingest }, { printSummary }] = await Promise.all([
      import("../../bus/embedded.ts"),
      import("../../../connectors/landed/landedReports.ts"),
      import("../../ingest.ts"),
      import("../summary.ts"),
    ]);
    await ingest(new EmbeddedBus(), opts.data, (_landing, _warehouse, ctx) => landedReports(ctx), printSummary, {
      limits,
      identity: { source: "reprocess", kind: "reprocess" },
    });
  });
}
