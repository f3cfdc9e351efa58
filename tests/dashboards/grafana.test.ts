// @vitest-environment happy-dom
// Every panel and variable query of the committed dashboards, interpolated by Grafana's own scene code as
// the DuckDB plugin asks (sqlstring format), with All, one value and several values of every variable and
// time ranges that start mid-year, runs in DuckDB over a generated warehouse of several provinces, levels
// and years, and its result changes as the variable says.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DASHBOARDS, ADMIN_LEVEL_LABELS } from "../../dashboards/panels.ts";
import { interpolate, runSql, type VariableValue } from "../../dashboards/queries.ts";
import { openReader } from "../../pipelines/warehouse/readWarehouse.ts";
import { REPO, tempDir } from "../helpers/cli.ts";
import { grafanaScene, ALL, type Choice, type DashboardJson } from "../helpers/grafana.ts";
import { generateKpiWarehouse, SMALL } from "../helpers/kpiWarehouse.ts";
import { benchQueries, benchVariables, dashboardSettings } from "../bench/dashboards.bench.ts";

const dashboards: DashboardJson[] = DASHBOARDS.map((d) => JSON.parse(readFileSync(join(REPO, "dashboards", `${d.uid.replace(/^govkpi-/, "")}.json`), "utf8")));
const RANGES = {
  "the default (now-6y)": { from: "now-6y", to: "now" },
  "mid-2019 to mid-2022": { from: "2019-07-01T00:00:00.000Z", to: "2022-06-30T00:00:00.000Z" },
  "now-5y": { from: "now-5y", to: "now" },
};

let conn: DuckDBConnection;
beforeAll(async () => {
  const data = tempDir();
  const made = await generateKpiWarehouse(data, SMALL);
  expect(made.reports).toBeGreaterThanOrEqual(200);
  conn = await openReader(data);
}, 120_000);

const stable = (rows: unknown) => JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? Number(v) : v));

async function runAll(dash: DashboardJson, range: { from: string; to: string }, choose: (name: string) => Choice) {
  const g = await grafanaScene(conn, dash, range, choose);
  const results = new Map<number, Awaited<ReturnType<typeof runSql>>>();
  for (const p of dash.panels) {
    const sql = g.backendSql(p.targets[0]!.rawSql);
    try {
      results.set(p.id, await runSql(conn, sql));
    } catch (err) {
      throw new Error(`panel "${p.title}" failed: ${(err as Error).message}\n${sql}`);
    }
  }
  return { g, results };
}

describe.each(dashboards.map((d) => [d.uid, d] as const))("%s", (_uid, dash) => {
  const choosable = dash.templating.list.filter((v) => v.includeAll).map((v) => v.name);

  it.each(Object.entries(RANGES))("runs every query with every variable on All, over %s", async (_name, range) => {
    const { results } = await runAll(dash, range, () => "all");
    expect(results.size).toBe(dash.panels.length);
  });

  it.each(choosable.flatMap((v) => (["first", "several"] as const).map((c) => [v, c] as const)))(
    "with %s set to its %s value(s): every query runs, and the panels that read it change and keep to the choice",
    async (variable, choice) => {
      const range = RANGES["the default (now-6y)"];
      // the evidence dashboard reads nothing until an organisation is chosen
      const others = (name: string): Choice => (name === "org" && dash.uid === "govkpi-evidence" ? "first" : "all");
      const all = await runAll(dash, range, (name) => (name === variable ? "all" : others(name)));
      const some = await runAll(dash, range, (name) => (name === variable ? choice : others(name)));
      const picked = some.g.chosen[variable]!;
      expect(picked.value, `${variable} has options`).not.toEqual(choice === "several" ? [] : [ALL]);
      const chosen = new Set([picked.value].flat());
      const column = { province: "province", org: "org_name", admin_level: "level", source: "source" }[variable];
      let changed = 0;
      for (const p of dash.panels) {
        const before = all.results.get(p.id)!;
        const after = some.results.get(p.id)!;
        if (!p.targets[0]!.rawSql.includes(`\${${variable}}`)) {
          expect(stable(after.rows), `${p.title} does not read ${variable}`).toBe(stable(before.rows));
          continue;
        }
        if (stable(after.rows) !== stable(before.rows)) changed++;
        if (column && after.columns.includes(column)) {
          for (const row of after.rows) expect(chosen, `${p.title}: row ${stable(row)} is within ${variable} = ${[...chosen]}`).toContain(row[column]);
        }
      }
      expect(changed, `some panel changes when ${variable} is ${[...chosen]}`).toBeGreaterThan(0);
    },
  );
});

describe("what the KPI panels say", () => {
  const kpi = dashboards.find((d) => d.uid === "govkpi-kpi-trends")!;
  const panel = (title: RegExp) => kpi.panels.find((p) => title.test(p.title))!;

  it("counts a year when any of it is in the range: mid-2019 to mid-2022 shows 2019 through 2022, now-5y does not drop its first year", async () => {
    const trend = panel(/各级逐年（不跨级相加）/);
    const mid = (await runAll(kpi, RANGES["mid-2019 to mid-2022"], () => "all")).results.get(trend.id)!;
    expect(mid.rows.map((r) => r.year)).toEqual(["2019", "2020", "2021", "2022"]);
    const recent = await runAll(kpi, RANGES["now-5y"], () => "all");
    const firstYear = new Date(new Date().setFullYear(new Date().getFullYear() - 5)).getUTCFullYear();
    const years = recent.results.get(trend.id)!.rows.map((r) => Number(r.year));
    expect(years.length).toBeGreaterThan(0);
    if (firstYear <= SMALL.lastYear) expect(years[0]).toBe(firstYear);
    expect(Math.min(...years)).toBeGreaterThanOrEqual(firstYear);
  });

  it("never adds levels together: each level's column is that level's organisations alone", async () => {
    const trend = panel(/各级逐年（不跨级相加）/);
    const { results } = await runAll(kpi, RANGES["the default (now-6y)"], (name) => (name === "metric" ? "default" : "all"));
    const rows = results.get(trend.id)!.rows;
    const truth = (
      await runSql(
        conn,
        `SELECT report_year::VARCHAR AS year, admin_level, sum(v) AS total FROM (
        SELECT org_name, province, city, county, admin_level, report_year, max(value) AS v FROM facts
        WHERE metric = 'petitions.total' AND scope IS NULL AND qualifier IS NULL GROUP BY ALL) GROUP BY ALL`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      for (const [level, label] of Object.entries(ADMIN_LEVEL_LABELS)) {
        const expected = truth.find((t) => t.year === row.year && t.admin_level === level)?.total ?? null;
        expect(row[label] === null ? null : Number(row[label]), `${row.year} ${label}`).toBe(expected === null ? null : Number(expected));
      }
    }
  });

  it("shows each organisation's latest figure within the range: a range ending mid-2022 shows 2022 or the last year before it, never later", async () => {
    const latest = panel(/各单位最新数据/);
    const rows = (await runAll(kpi, RANGES["mid-2019 to mid-2022"], () => "all")).results.get(latest.id)!.rows;
    expect(rows.length).toBeGreaterThan(100);
    const truth = new Map(
      (
        await runSql(
          conn,
          `SELECT f.org_name, m.display, coalesce(f.qualifier, '') AS q, coalesce(f.scope, '') AS s, max(f.report_year) AS year
      FROM facts f JOIN metrics m ON m.code = f.metric WHERE f.report_year BETWEEN 2019 AND 2022 GROUP BY ALL`,
        )
      ).rows.map((r) => [`${r.org_name}|${r.display}|${r.q}|${r.s}`, Number(r.year)]),
    );
    for (const r of rows) expect(Number(r.report_year), JSON.stringify(r)).toBe(truth.get(`${r.org_name}|${r.指标}|${r.qualifier ?? ""}|${r.scope ?? ""}`));
    expect(new Set(rows.map((r) => Number(r.report_year)))).toContain(2022);
    expect(
      rows.some((r) => Number(r.report_year) < 2022),
      "an organisation that skipped 2022 shows its 2021 figure",
    ).toBe(true);
  });

  it("counts failed consistency checks per organisation and year, and the evidence dashboard shows that organisation's checks with their sums and links", async () => {
    const checks = panel(/一致性检查/);
    const rows = (await runAll(kpi, RANGES["mid-2019 to mid-2022"], () => "all")).results.get(checks.id)!.rows;
    const [truth] = (
      await runSql(conn, "SELECT count(*) AS failed FROM checks WHERE passed = false AND org_name IS NOT NULL AND report_year BETWEEN 2019 AND 2022")
    ).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.reduce((n, r) => n + Number(r.未通过), 0)).toBe(Number(truth!.failed));
    const flagged = rows[0]!;
    const evidence = dashboards.find((d) => d.uid === "govkpi-evidence")!;
    const g = await grafanaScene(conn, evidence, RANGES["the default (now-6y)"], (name) => (name === "org" ? { values: [String(flagged.org_name)] } : "all"));
    const detail = (await runSql(conn, g.backendSql(evidence.panels.find((p) => /一致性检查明细/.test(p.title))!.targets[0]!.rawSql))).rows;
    const failed = detail.filter((r) => r.通过 === false && Number(r.report_year) === Number(flagged.report_year) && r.检查 === flagged.检查);
    expect(failed.length).toBe(Number(flagged.未通过));
    for (const r of detail) {
      expect(r.org_name).toBe(flagged.org_name);
      expect(String(r.source_url)).toMatch(/^(https?|file):\/\//);
    }
    expect(String(failed[0]!.算式或原文)).toContain(" = ");
  });

  it("labels metrics in Chinese with their unit, and the metric variable changes every chart that reads it", async () => {
    const g = await grafanaScene(conn, kpi, RANGES["the default (now-6y)"], (name) => (name === "metric" ? "default" : "all"));
    expect(g.chosen.metric!.options).toContain("信访总量（件）");
    expect(g.chosen.metric!.options).toContain("罚没款（元）");
    expect(g.interpolate(panel(/各级逐年/).title)).toBe("信访总量（件）：各级逐年（不跨级相加）");
  });

  it("traces a flagged jump to its sentence: the evidence dashboard shows every year of the organisation with its source", async () => {
    const quality = panel(/数据质量/);
    const flags = (await runAll(kpi, RANGES["the default (now-6y)"], () => "all")).results
      .get(quality.id)!
      .rows.filter((r) => String(r.issue).startsWith("跳变"));
    expect(flags.length).toBeGreaterThan(0);
    const flag = flags[0]!;
    const evidence = dashboards.find((d) => d.uid === "govkpi-evidence")!;
    const g = await grafanaScene(conn, evidence, RANGES["the default (now-6y)"], () => "all");
    // as the data link sets them: the flagged row's organisation and metric
    for (const [name, value] of [
      ["org", flag.org_name],
      ["metric", flag.指标],
    ] as const) {
      const v = g.scene.state.$variables!.getByName(name)!;
      (v as unknown as { changeValueTo(x: string[]): void }).changeValueTo([String(value)]);
    }
    const rows = (await runSql(conn, g.backendSql(evidence.panels[0]!.targets[0]!.rawSql))).rows;
    const years = rows.map((r) => Number(r.report_year));
    expect(years).toContain(Number(flag.report_year));
    expect(years).toContain(Number(flag.report_year) - 1);
    for (const r of rows) {
      expect(r.org_name).toBe(flag.org_name);
      expect(String(r.evidence)).toMatch(/[件元%]/);
      expect(String(r.source_url)).toMatch(/^(https?|file):\/\//);
    }
  });

  it("the benchmark's interpolation is Grafana's: every variable and panel query of every dashboard, in every setting the bench times", async () => {
    const settings = await dashboardSettings(conn);
    expect(settings.map((s) => s.name)).toEqual(["All", expect.stringMatching(/^province=.+/)]);
    let compared = 0;
    for (const def of DASHBOARDS) {
      const dash = dashboards.find((d) => d.uid === def.uid)!;
      for (const setting of settings) {
        const vars = benchVariables(def, setting);
        const g = await grafanaScene(conn, dash, RANGES["the default (now-6y)"], (name) => {
          const v = vars[name];
          return v === undefined || v === "all" ? "all" : { values: v.values };
        });
        for (const q of benchQueries(def)) {
          expect(interpolate(q.sql, vars), `${def.uid} ${q.name} [${setting.name}]`).toBe(g.interpolate(q.sql));
          compared++;
        }
      }
    }
    expect(compared).toBe(DASHBOARDS.reduce((n, d) => n + benchQueries(d).length, 0) * settings.length);
  });

  it("the static report's interpolation is Grafana's: same SQL for All, one and several values", async () => {
    for (const choice of ["all", "first", "several"] as const) {
      const g = await grafanaScene(conn, kpi, RANGES["the default (now-6y)"], (name) => (name === "metric" ? "default" : choice));
      const vars: Record<string, VariableValue> = {};
      for (const [name, c] of Object.entries(g.chosen)) {
        const values = [c.value].flat();
        vars[name] = values.includes(ALL) ? "all" : { values };
      }
      for (const p of kpi.panels) expect(interpolate(p.targets[0]!.rawSql, vars)).toBe(g.interpolate(p.targets[0]!.rawSql));
    }
  });
});
