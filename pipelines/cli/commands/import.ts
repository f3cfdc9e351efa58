// govkpi import: the folder connector alone. Lands a folder's reports and announces them on Kafka for the
// stage workers (`govkpi worker`), without running any stage or touching the warehouse, which the load worker owns.
import type { Command } from "commander";
import { addBusOptions, busFromOptions, exitOnBusError, type BusOptions } from "../busOptions.ts";

export function registerImport(program: Command): void {
  const command = program
    .command("import")
    .description("land a folder of reports and announce them on Kafka for the stage workers (no stage runs here)")
    .requiredOption("--input <dir>", "folder of report files (.txt .html .pdf .docx .doc)")
    .option("--data <dir>", "data directory whose landing zone the workers share", "./data");
  addBusOptions(command, "kafka only").action(async (opts: Omit<BusOptions, "bus"> & { input: string; data: string }) => {
    const [{ assertFolder, folderSource, importFolder, MissingFolderError }, { announce, busOutlet }, { landingZoneOf }, { startRun }] = await Promise.all([
      import("../../../connectors/folder/folderImport.ts"),
      import("../../../connectors/publishRaw.ts"),
      import("../../runner.ts"),
      import("../../../connectors/runRecord.ts"),
    ]);
    try {
      await assertFolder(opts.input);
      const bus = await busFromOptions({ ...opts, bus: "kafka" });
      // the run's record goes to the workers with the reports: the load worker writes it to `runs`
      const run = startRun(folderSource(opts.input), "folder");
      await busOutlet(bus).run(run);
      let announced = 0;
      let skipped = 0;
      for await (const part of importFolder(opts.input, landingZoneOf(opts.data))) {
        for (const s of part.skipped) console.error(`skipped ${s.file}: ${s.reason}`);
        await announce(bus, part.raws);
        announced += part.raws.length;
        skipped += part.skipped.length;
      }
      await busOutlet(bus).run({
        ...run,
        ended_at: new Date().toISOString(),
        status: announced ? "ok" : "unchanged",
        discovered: announced + skipped,
        fetched: announced,
        new: announced,
        excluded: skipped,
      });
      await bus.close();
      console.log(`announced ${announced} reports (${skipped} files skipped)`);
    } catch (err) {
      if (!(err instanceof MissingFolderError)) return exitOnBusError("import", err);
      console.error(`govkpi import: ${err.message}`);
      process.exit(2);
    }
  });
}
