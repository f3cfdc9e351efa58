// govkpi report: the dashboards' panels rendered as a static HTML page with charts, for users without Grafana.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("render the dashboards' panels as a static HTML page with charts, filters by province and year, sortable tables")
    .option("--out <file>", "the HTML file to write", "report.html")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { out: string; data: string }) => {
      const [{ buildReport }, { renderReport }, { NoWarehouseError, openReader }] = await Promise.all([
        import("../../../dashboards/staticReport.ts"),
        import("../../../dashboards/htmlReport.ts"),
        import("../../warehouse/readWarehouse.ts"),
      ]);
      try {
        const data = await buildReport(await openReader(opts.data));
        await writeFile(opts.out, renderReport("govkpi 报告", data, new Date()));
        const panels = data.sections.flatMap((s) => s.panels);
        const charts = panels.filter((p) => p.kind !== "table" && p.kind !== "stat" && data.datasets[""]![p.id]!.rows.length).length;
        console.error(`wrote ${opts.out}: ${panels.length} panels, ${charts} charts, ${data.provinces.length - 1} provinces`);
      } catch (err) {
        console.error(`govkpi report: ${(err as Error).message}`);
        process.exit(err instanceof NoWarehouseError ? 2 : 1);
      }
    });
}
