// govkpi report: the dashboards' panels rendered as a static HTML page with charts, for users without Grafana.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { PanelResult } from "../../../dashboards/htmlReport.ts";

/** Every year there is: a static report has no time picker. */
const ALL_TIME = { from: new Date("1990-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") };

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("render the dashboards' panels as a static HTML page with charts")
    .option("--out <file>", "the HTML file to write", "report.html")
    .option("--data <dir>", "data directory", "./data")
    .action(async (opts: { out: string; data: string }) => {
      const [{ DASHBOARDS }, { renderReport }, { runPanelSql }, { NoWarehouseError, openReader }] = await Promise.all([
        import("../../../dashboards/panels.ts"), import("../../../dashboards/htmlReport.ts"), import("../../../dashboards/queries.ts"),
        import("../../warehouse/readWarehouse.ts"),
      ]);
      try {
        const conn = await openReader(opts.data);
        const sections = [];
        for (const dashboard of DASHBOARDS) {
          const results: PanelResult[] = [];
          for (const panel of dashboard.panels) results.push({ panel, ...(await runPanelSql(conn, panel.sql, {}, ALL_TIME)) });
          sections.push({ dashboard, results });
        }
        await writeFile(opts.out, renderReport("govkpi report", sections, new Date()));
        const charts = sections.flatMap((s) => s.results).filter((r) => r.rows.length && r.panel.kind !== "table").length;
        console.error(`wrote ${opts.out}: ${sections.reduce((n, s) => n + s.results.length, 0)} panels, ${charts} charts`);
      } catch (err) {
        console.error(`govkpi report: ${(err as Error).message}`);
        process.exit(err instanceof NoWarehouseError ? 2 : 1);
      }
    });
}
