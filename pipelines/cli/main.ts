// govkpi: the command line. Each command lives in its own module under commands/.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerExtract } from "./commands/extract.ts";
import { registerRun } from "./commands/run.ts";
import { registerReprocess } from "./commands/reprocess.ts";
import { registerQuery } from "./commands/query.ts";
import { registerReport } from "./commands/report.ts";
import { registerServe } from "./commands/serve.ts";
import { registerCrawl } from "./commands/crawl.ts";
import { registerSchedule } from "./commands/schedule.ts";
import { registerWorker } from "./commands/worker.ts";
import { registerImport } from "./commands/import.ts";
import { registerDlq } from "./commands/dlq.ts";
import { describeIoError, isTransientIoError } from "../ioErrors.ts";

/** Set by the build: the bundled CLI in dist/ sits one folder below the repository, this source file two. */
declare const GOVKPI_BUNDLED: boolean | undefined;
const PACKAGE = new URL(typeof GOVKPI_BUNDLED === "undefined" ? "../../package.json" : "../package.json", import.meta.url);
const { version } = JSON.parse(readFileSync(PACKAGE, "utf8")) as { version: string };

const program = new Command("govkpi")
  .description("Turns Chinese government work reports into KPI facts in DuckDB and Parquet")
  .version(version, "-V, --version", "print govkpi's version")
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerRun(program);
registerReprocess(program);
registerExtract(program);
registerQuery(program);
registerReport(program);
registerServe(program);
registerCrawl(program);
registerSchedule(program);
registerWorker(program);
registerImport(program);
registerDlq(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // what the operator must fix (a full disk, a data dir another process holds) is one line, not a stack trace
  if (isTransientIoError(err)) fail(describeIoError(err));
  if (err instanceof Error && err.name === "WarehouseBusyError") fail(err.message);
  throw err;
}

function fail(message: string): never {
  console.error(`govkpi ${process.argv[2] ?? ""}: ${message}`);
  process.exit(1);
}
