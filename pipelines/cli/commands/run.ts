// govkpi run: the main job. Folder → landing zone → parse → extract → load → DuckDB + Parquet, on the
// embedded bus (default) or on Kafka (`--bus kafka --brokers …`), all stages in this process.
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { addBusOptions, busFromOptions, closeOnSignal, exitOnBusError, type BusOptions } from "../busOptions.ts";
import { addLimitOptions, limitsFromOptions, type LimitOptions } from "../limitOptions.ts";

/** Set by the build: the bundled CLI in dist/ sits one folder below the repository, this source file three. */
declare const GOVKPI_BUNDLED: boolean | undefined;
const REPO = typeof GOVKPI_BUNDLED === "undefined" ? "../../../" : "../";

const SAMPLES_DIR = fileURLToPath(new URL(`${REPO}samples`, import.meta.url));

export function registerRun(program: Command): void {
  const run = program
    .command("run")
    .description("import a folder of reports and run every stage into the warehouse (embedded bus by default, or Kafka)")
    .option("--input <dir>", "folder of report files (.txt .html .pdf .docx .doc)", SAMPLES_DIR)
    .option("--data <dir>", "data directory (landing zone, DuckDB, Parquet)", "./data");
  addLimitOptions(addBusOptions(run)).action(async (opts: BusOptions & LimitOptions & { input: string; data: string }) => {
    const limits = limitsFromOptions("run", opts);
    const [{ folderSource, importFolder, MissingFolderError }, { ingest }, { printSummary }] = await Promise.all([
      import("../../../connectors/folder/folderImport.ts"),
      import("../../ingest.ts"),
      import("../summary.ts"),
    ]);
    try {
      const bus = await busFromOptions(opts);
      if (bus.engine === "kafka") closeOnSignal(bus, () => process.exit(130));
      await ingest(bus, opts.data, (landing, _warehouse, ctx) => importFolder(opts.input, landing, ctx.loaded), printSummary, {
        limits,
        identity: { source: folderSource(opts.input), kind: "folder" },
      });
    } catch (err) {
      if (!(err instanceof MissingFolderError)) return exitOnBusError("run", err);
      console.error(`govkpi run: ${err.message}`);
      process.exit(2);
    }
  });
}
