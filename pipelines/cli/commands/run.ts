// govkpi run: the main job. Folder → landing zone → parse → extract → load → DuckDB + Parquet.
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { EmbeddedBus } from "../../bus/embedded.ts";
import { importFolder, MissingFolderError } from "../../../connectors/folder/folderImport.ts";
import { ingest } from "../../ingest.ts";
import { printSummary } from "../summary.ts";

export const SAMPLES_DIR = fileURLToPath(new URL("../../../samples", import.meta.url));

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("import a folder of reports and run every stage into the warehouse (embedded bus, no server)")
    .option("--input <dir>", "folder of report files (.txt .html .pdf .docx .doc)", SAMPLES_DIR)
    .option("--data <dir>", "data directory (landing zone, DuckDB, Parquet)", "./data")
    .action(async (opts: { input: string; data: string }) => {
      try {
        await ingest(new EmbeddedBus(), opts.data, (landing) => importFolder(opts.input, landing), printSummary);
      } catch (err) {
        if (!(err instanceof MissingFolderError)) throw err;
        console.error(`govkpi run: ${err.message}`);
        process.exit(2);
      }
    });
}
