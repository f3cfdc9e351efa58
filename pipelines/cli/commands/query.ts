// govkpi query "SQL": read-only SQL over the Parquet warehouse (views facts, reports, dead_letters, runs).
import type { Command } from "commander";

const FORMATS = ["table", "json", "arrow"] as const;

export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("run read-only SQL over the Parquet warehouse (views: facts, reports, dead_letters, runs)")
    .argument("<sql>", "one SELECT statement")
    .option("--data <dir>", "data directory", "./data")
    .option("--format <format>", `output: ${FORMATS.join(" | ")}`, "table")
    .action(async (sql: string, opts: { data: string; format: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        console.error(`govkpi query: --format must be one of ${FORMATS.join(", ")}`);
        process.exit(2);
      }
      const [{ NoWarehouseError, NotReadOnlyError, openReader, readOnlyQuery }, { toArrowIpc, toJsonLines, toTable }] = await Promise.all([
        import("../../warehouse/readWarehouse.ts"),
        import("../queryOutput.ts"),
      ]);
      try {
        const reader = await readOnlyQuery(await openReader(opts.data), sql);
        if (opts.format === "arrow") process.stdout.write(toArrowIpc(reader));
        else if (opts.format === "json") process.stdout.write(toJsonLines(reader));
        else process.stdout.write(toTable(reader));
      } catch (err) {
        const usage = err instanceof NoWarehouseError || err instanceof NotReadOnlyError;
        console.error(`govkpi query: ${(err as Error).message}`);
        process.exit(usage ? 2 : 1);
      }
    });
}
