// The committed dashboards are what the definitions build, are well-formed Grafana dashboards, and every
// panel's query runs in DuckDB over a warehouse built from the sample reports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DATASOURCE, generatedFiles } from "../../dashboards/build.ts";
import { DASHBOARDS } from "../../dashboards/panels.ts";
import { runPanelSql } from "../../dashboards/queries.ts";
import { openReader } from "../../pipelines/warehouse/readWarehouse.ts";
import { govkpi, REPO, tempDir } from "../helpers/cli.ts";

const RANGE = { from: new Date("2010-01-01T00:00:00Z"), to: new Date("2030-01-01T00:00:00Z") };
const committed = (path: string) => readFileSync(join(REPO, path), "utf8");

let conn: DuckDBConnection;
beforeAll(async () => {
  const data = tempDir();
  const run = await govkpi(["run", "--data", data]);
  expect(run.code, run.stderr).toBe(0);
  conn = await openReader(data);
});

describe("generated files", () => {
  it.each(generatedFiles())("%s matches its definition (run `npm run dashboards`)", (path, content) => {
    expect(committed(path)).toBe(content);
  });

  it("provisions the datasource the panels name, in memory, with the reader views", () => {
    const ds = parse(committed("infra/grafana/provisioning/datasources/govkpi.yaml")).datasources[0];
    expect(ds).toMatchObject({ type: DATASOURCE.type, uid: DATASOURCE.uid, jsonData: { path: "" } });
    for (const view of ["facts", "reports", "dead_letters", "runs"]) expect(ds.jsonData.initSql).toContain(`VIEW ${view} AS`);
  });
});

describe.each(DASHBOARDS)("dashboard $uid", (def) => {
  const file = generatedFiles().find(([path]) => path.endsWith(`${def.uid.replace(/^govkpi-/, "")}.json`))!;
  const json = JSON.parse(committed(file[0]));

  it("follows Grafana's dashboard model", () => {
    expect(json.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(json.uid).toBe(def.uid);
    const ids = json.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of json.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && h > 0, `${p.title} fits the 24-column grid`).toBe(true);
      for (let i = x; i < x + w; i++) for (let j = y; j < y + h; j++) {
        expect(cells.has(`${i},${j}`), `${p.title} overlaps another panel at ${i},${j}`).toBe(false);
        cells.add(`${i},${j}`);
      }
      expect(p.datasource).toEqual(DATASOURCE);
      expect(p.targets[0]).toMatchObject({ refId: "A", datasource: DATASOURCE, rawSql: expect.any(String) });
    }
    for (const v of json.templating.list) {
      expect(v).toMatchObject({ type: "query", datasource: DATASOURCE, includeAll: true, query: expect.any(String) });
      for (const p of json.panels) if (p.targets[0].rawSql.includes(`\${${v.name}}`)) expect(v.name).toBeTruthy();
    }
    const used = new Set(json.panels.flatMap((p: { targets: Array<{ rawSql: string }> }) => [...p.targets[0]!.rawSql.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1])));
    const defined = new Set(json.templating.list.map((v: { name: string }) => v.name));
    for (const name of used) expect(defined.has(name), `variable ${name} is defined`).toBe(true);
  });

  it("has variable queries that run", async () => {
    for (const v of json.templating.list) {
      const { columns } = await runPanelSql(conn, v.query, {}, RANGE);
      expect(columns).toEqual(["__text"]);
    }
  });

  it.each(def.panels.map((p) => [p.title, p] as const))("panel %s: its query runs and returns the columns it draws", async (_title, panel) => {
    const sql = json.panels.find((p: { id: number }) => p.id === panel.id).targets[0].rawSql;
    const { columns, rows } = await runPanelSql(conn, sql, {}, RANGE);
    expect(columns).toEqual(panel.columns);
    if (panel.kpi) expect(rows.length, `${panel.title} shows data for the sample reports`).toBeGreaterThan(0);
  });

  it("narrows with a variable: one province's figures are a subset", async () => {
    const first = def.panels.find((p) => p.kpi && p.sql.includes("${province}"));
    if (!first) return;
    const all = await runPanelSql(conn, first.sql, {}, RANGE);
    const one = await runPanelSql(conn, first.sql, { province: "浙江省" }, RANGE);
    expect(one.rows.length).toBeGreaterThan(0);
    expect(one.rows.length).toBeLessThanOrEqual(all.rows.length);
  });
});
