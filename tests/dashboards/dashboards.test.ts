// The committed dashboards, datasource and alert rules are what the definitions build; their queries fit
// the DuckDB plugin's query model (sqlds, Go types); the datasource starts on an empty warehouse; the
// alert rules' SQL runs and fires where it should.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DATASOURCE, generatedFiles, initSql } from "../../dashboards/build.ts";
import { ALERTS } from "../../dashboards/alerts.ts";
import { runSql } from "../../dashboards/queries.ts";
import { openReader } from "../../pipelines/warehouse/readWarehouse.ts";
import { REPO, tempDir } from "../helpers/cli.ts";
import { generateKpiWarehouse } from "../helpers/kpiWarehouse.ts";

const committed = (path: string) => readFileSync(join(REPO, path), "utf8");
const dashboards = generatedFiles()
  .filter(([path]) => path.endsWith(".json"))
  .map(([path]) => JSON.parse(committed(path)));

/**
 * The plugin's query model as Go's encoding/json reads it: sqlutil.Query (rawSql string, format a
 * FormatQueryOption, i.e. uint32: 0 time series, 1 table, 2 logs, 3 trace, 4 multi), refId from the
 * DataQuery; unknown keys are ignored, a value of the wrong JSON type is an unmarshal error.
 */
const PluginQuery = z.object({
  refId: z.string(),
  rawSql: z.string().min(1),
  format: z.number().int().min(0).max(4),
  connectionArgs: z.unknown().optional(),
  fillMode: z.object({ mode: z.number().int() }).optional(),
  schema: z.string().optional(),
  table: z.string().optional(),
  column: z.string().optional(),
});

describe("generated files", () => {
  it.each(generatedFiles())("%s matches its definition (run `npm run dashboards`)", (path, content) => {
    expect(committed(path)).toBe(content);
  });
});

describe("the DuckDB plugin's query model", () => {
  it("every panel target and variable query parses into it", () => {
    let queries = 0;
    for (const d of dashboards) {
      for (const p of d.panels) {
        for (const t of p.targets) {
          PluginQuery.parse(t);
          queries++;
        }
      }
      for (const v of d.templating.list) {
        PluginQuery.parse(v.query);
        queries++;
      }
    }
    expect(queries).toBeGreaterThan(30);
  });

  it("would refuse the Postgres convention the dashboards used to carry", () => {
    expect(PluginQuery.safeParse({ refId: "A", rawSql: "SELECT 1", format: "time_series" }).success).toBe(false);
  });

  it("has panels of both formats: time series where the panel draws time, table elsewhere", () => {
    for (const d of dashboards) for (const p of d.panels) expect(p.targets[0].format, p.title).toBe(p.type === "timeseries" ? 0 : 1);
  });

  it("never quotes a variable: the plugin's sqlstring format quotes the values itself", () => {
    for (const d of dashboards) {
      for (const sql of [
        ...d.panels.map((p: { targets: Array<{ rawSql: string }> }) => p.targets[0]!.rawSql),
        ...d.templating.list.map((v: { query: { rawSql: string } }) => v.query.rawSql),
      ]) {
        expect(sql).not.toMatch(/'\$\{?\w+/);
      }
    }
  });
});

describe("dashboard layout", () => {
  it.each(dashboards.map((d) => [d.uid, d]))("%s: panels fit the 24-column grid without overlapping, on the provisioned datasource", (_uid, d) => {
    const cells = new Set<string>();
    for (const p of d.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && h > 0, `${p.title} fits`).toBe(true);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), `${p.title} overlaps another panel at ${i},${j}`).toBe(false);
          cells.add(`${i},${j}`);
        }
      expect(p.datasource).toEqual(DATASOURCE);
    }
  });
});

describe("the datasource", () => {
  const ds = parse(committed("infra/grafana/provisioning/datasources/govkpi.yaml")).datasources[0];

  it("is in memory, with the table macros", () => {
    expect(ds).toMatchObject({ type: DATASOURCE.type, uid: DATASOURCE.uid, jsonData: { path: "" } });
    for (const table of [
      "facts",
      "reports",
      "runs",
      "dead_letters",
      "metrics",
      "orgs",
      "org_years",
      "reports_rollup",
      "kpi_yearly",
      "kpi_by_org",
      "kpi_rollup",
      "kpi_standard",
      "kpi_flags",
      "checks",
      "checks_by_org",
    ])
      expect(ds.jsonData.initSql).toContain(`MACRO ${table}_at(`);
  });

  it("starts on an empty warehouse (Grafana up before the first load): initSql runs, the snapshot is ''", async () => {
    const empty = tempDir();
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    await conn.run(initSql(join(empty, "warehouse")));
    expect((await runSql(conn, "SELECT snapshot FROM current_snapshot()")).rows).toEqual([{ snapshot: "" }]);
    mkdirSync(join(empty, "warehouse"));
    await conn.run(initSql(join(empty, "warehouse")));
  });
});

describe("alert rules", () => {
  const file = parse(committed("infra/grafana/provisioning/alerting/govkpi.yaml"));
  let conn: DuckDBConnection;
  beforeAll(async () => {
    const data = tempDir();
    await generateKpiWarehouse(data);
    conn = await openReader(data);
  }, 120_000);

  it("are Grafana rule provisioning: a SQL query on the datasource and a threshold on it", () => {
    expect(file.apiVersion).toBe(1);
    const rules = file.groups[0].rules;
    expect(rules.map((r: { uid: string }) => r.uid)).toEqual(ALERTS.map((a) => a.uid));
    for (const r of rules) {
      const [query, threshold] = r.data;
      expect(query.datasourceUid).toBe(DATASOURCE.uid);
      PluginQuery.parse(query.model);
      expect(threshold).toMatchObject({ datasourceUid: "__expr__", model: { type: "threshold", expression: query.refId } });
      expect(r.condition).toBe(threshold.refId);
    }
  });

  it("fire on the stale source and the source that never succeeded, and on dead letters above the threshold", async () => {
    const [stale, dead] = ALERTS;
    const hours = (await runSql(conn, stale!.sql)).rows;
    const firing = hours.filter((r) => Number(r.hours_since_success) > stale!.above).map((r) => r.source);
    expect(firing.length).toBe(2);
    expect(hours.length).toBeGreaterThan(firing.length);
    const letters = Number((await runSql(conn, dead!.sql)).rows[0]!.dead_letters);
    expect(letters).toBeGreaterThan(dead!.above);
  });
});
