// govkpi run: the main job. Folder → landing zone → parse → extract → load → DuckDB + Parquet, on the
// embedded bus (default) or on Kafka (`--bus kafka --brokers …`), all stages in this process.
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { importFolder, MissingFolderError } from "../../../connectors/folder/folderImport.ts";
import { ingest } from "../../ingest.ts";
import { printSummary } from "../summary.ts";
import { addBusOptions, busFromOptions, closeOnSignal, exitOnBusError, type BusOptions } from "../busOptions.ts";

export const SAMPLES_DIR = fileURLToPath(new URL("../../../samples", import.meta.url));

export function registerRun(program: Command): void {
  const run = program
    .command("run")
    .description("import a folder of reports and run every stage into the warehouse (embedded bus by default, or Kafka)")
    .option("--input <dir>", "folder of report files (.txt .html .pdf .docx .doc)", SAMPLES_DIR)
    .option("--data <dir>", "data directory (landing zone, DuckDB, Parquet)", "./data");
  addBusOptions(run).action(async (opts: BusOptions & { input: string; data: string }) => {
    try {
      const bus = await busFromOptions(opts);
      if (bus.engine === "kafka") closeOnSignal(bus, () => process.exit(130));
      await ingest(bus, opts.data, (landing, _warehouse, ctx) => importFolder(opts.input, landing, ctx.loaded), printSummary);
    } catch (err) {
      if (!(err instanceof MissingFolderError)) return exitOnBusError("run", err);
      console.error(`govkpi run: ${err.message}`);
      process.exit(2);
    }
  });
}
