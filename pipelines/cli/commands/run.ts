// govkpi run: the main job. Folder → landing zone → parse → extract → load → DuckDB + Parquet.
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { EmbeddedBus } from "../../bus/embedded.ts";
import { announce } from "../../../connectors/publishRaw.ts";
import { importFolder, MissingFolderError } from "../../../connectors/folder/folderImport.ts";
import { EXTRACTOR_VERSION } from "../../stages/extract/index.ts";
import { landingZoneOf, startStages, STAGE_NAMES } from "../../runner.ts";
import { stageProgress } from "../progress.ts";
import { printSummary } from "../summary.ts";

export const SAMPLES_DIR = fileURLToPath(new URL("../../../samples", import.meta.url));

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("import a folder of reports and run every stage into the warehouse (embedded bus, no server)")
    .option("--input <dir>", "folder of report files (.txt .html .pdf .docx .doc)", SAMPLES_DIR)
    .option("--data <dir>", "data directory (landing zone, DuckDB, Parquet)", "./data")
    .action(async (opts: { input: string; data: string }) => {
      const bus = new EmbeddedBus();
      const progress = stageProgress(STAGE_NAMES);
      const { warehouse } = await startStages(bus, opts.data, STAGE_NAMES, progress);
      try {
        const imported = await importFolder(opts.input, landingZoneOf(opts.data)).catch((err: Error) => {
          if (err instanceof MissingFolderError) {
            console.error(`govkpi run: ${err.message}`);
            process.exit(2);
          }
          throw err;
        });
        for (const s of imported.skipped) console.error(`skipped ${s.file}: ${s.reason}`);
        const fresh = [];
        for (const raw of imported.raws) {
          if (!(await warehouse!.isLoaded(raw.sha256, raw.source_url, EXTRACTOR_VERSION))) fresh.push(raw);
        }
        progress.expect(fresh.length);
        await announce(bus, fresh);
        await bus.idle();
        await warehouse!.publish();
        progress.stop();
        const failed = [...progress.counts().values()].reduce((n, c) => n + c.failed, 0);
        await printSummary(warehouse!, {
          files: imported.raws.length,
          skippedUnchanged: imported.raws.length - fresh.length,
          skippedFiles: imported.skipped.length,
          failed,
        });
      } finally {
        progress.stop();
        await bus.close();
        warehouse?.close();
      }
    });
}
