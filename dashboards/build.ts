// Builds the Grafana dashboard JSON, the datasource provisioning and the alert rules from the panel
// definitions, so the committed files cannot drift from the SQL the tests run. `npm run dashboards` writes them.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
// types only (erased when run): the generated JSON is checked against Grafana's published dashboard model
import type { Dashboard, Panel, VariableModel } from "@grafana/schema";
import { readerMacros } from "../schemas/warehouse.ts";
import { alertProvisioning } from "./alerts.ts";
import { ALL_VALUE, DASHBOARDS, FORMAT, type DashboardDef, type PanelDef, type VariableDef } from "./panels.ts";

export const DATASOURCE = { type: "motherduck-duckdb-datasource", uid: "govkpi-duckdb" } as const;
/** where the compose file mounts the pipeline's data volume in the Grafana container */
export const GRAFANA_WAREHOUSE = "/var/lib/govkpi/warehouse";
export const GRAFANA_SCHEMA_VERSION = 41;

const fileOf = (d: DashboardDef) => `${d.uid.replace(/^govkpi-/, "")}.json`;

/** The plugin's query model (sqlds): raw SQL and the format as a number. */
export const target = (sql: string, format: number = FORMAT.table) => ({ refId: "A", datasource: DATASOURCE, rawSql: sql, format });

const evidenceUrl = (vars: Record<string, string>) =>
  `/d/govkpi-evidence/govkpi-evidence?\${snapshot:queryparam}&\${__url_time_range}&${Object.entries(vars)
    .map(([name, column]) => `var-${name}=\${__data.fields["${column}"]:percentencode}`)
    .join("&")}`;

function overrides(p: PanelDef) {
  const list: Array<{ matcher: { id: string; options: string }; properties: Array<{ id: string; value?: unknown }> }> = [];
  if (p.columns?.includes("source_url")) {
    list.push({
      matcher: { id: "byName", options: "source_url" },
      properties: [{ id: "links", value: [{ title: "打开报告", url: "${__value.raw}", targetBlank: true }] }],
    });
  }
  for (const d of p.drillDown ?? []) {
    list.push({ matcher: { id: "byName", options: d.column }, properties: [{ id: "links", value: [{ title: "原文证据", url: evidenceUrl(d.vars) }] }] });
  }
  if (p.thresholds) {
    list.push({
      matcher: { id: "byName", options: p.thresholds.column },
      properties: [
        { id: "thresholds", value: { mode: "absolute", steps: p.thresholds.steps.map(([value, color]) => ({ value, color })) } },
        { id: "custom.cellOptions", value: { type: "color-background" } },
        { id: "noValue", value: "never" },
      ],
    });
  }
  return list;
}

function options(p: PanelDef) {
  switch (p.kind) {
    case "table":
      return { showHeader: true, cellHeight: "sm", footer: { show: false } };
    case "stat":
      return {
        reduceOptions: { values: true, calcs: [], fields: "/^value$/" },
        textMode: "value_and_name",
        colorMode: "none",
        graphMode: "none",
        justifyMode: "auto",
        orientation: "horizontal",
      };
    case "barchart":
      return {
        xField: p.columns?.[0] ?? "year",
        orientation: "auto",
        showValue: "never",
        stacking: "none",
        legend: { displayMode: "list", placement: "bottom", showLegend: true },
        tooltip: { mode: "multi" },
      };
    default:
      return { legend: { displayMode: "list", placement: "bottom", showLegend: true }, tooltip: { mode: "multi" } };
  }
}

function panelJson(p: PanelDef): Panel {
  return {
    id: p.id,
    type: p.kind,
    title: p.title,
    ...(p.description ? { description: p.description } : {}),
    gridPos: { x: p.grid[0], y: p.grid[1], w: p.grid[2], h: p.grid[3] },
    datasource: DATASOURCE,
    targets: [target(p.sql, p.format)],
    fieldConfig: { defaults: p.unit ? { unit: p.unit } : {}, overrides: overrides(p) },
    options: options(p),
  };
}

function variableJson(v: VariableDef): VariableModel {
  const current = v.multi
    ? { selected: true, text: ["All"], value: ["$__all"] }
    : { selected: Boolean(v.default), text: v.default ?? "", value: v.default ?? "" };
  return {
    type: "query",
    name: v.name,
    label: v.label,
    datasource: DATASOURCE,
    query: target(v.sql),
    // 2: on every time-range change, so each refresh resolves the snapshot again; 1: on load
    refresh: v.refreshOnTime ? 2 : 1,
    hide: v.hide ? 2 : 0,
    includeAll: v.multi,
    multi: v.multi,
    ...(v.multi ? { allValue: ALL_VALUE } : {}),
    sort: 0,
    current,
    options: [],
  };
}

export function dashboardJson(d: DashboardDef): Dashboard {
  return {
    uid: d.uid,
    title: d.title,
    description: d.description,
    tags: ["govkpi"],
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    version: 1,
    editable: true,
    timezone: "browser",
    time: { from: "now-6y", to: "now" },
    refresh: "",
    links: (d.links ?? []).map((l) => ({
      title: l.title,
      type: "link" as const,
      url: `/d/${l.uid}`,
      includeVars: true,
      keepTime: true,
      asDropdown: false,
      icon: "dashboard",
      tags: [],
      targetBlank: false,
      tooltip: "",
    })),
    templating: { list: d.variables.map(variableJson) },
    panels: d.panels.map(panelJson),
  };
}

/** The datasource's initSql: table macros only (bound when a panel runs), so it works on an empty warehouse. */
export const initSql = (warehouseDir: string) => `${readerMacros(warehouseDir).join(";\n")};`;

export function datasourceProvisioning() {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: "govkpi warehouse (DuckDB over Parquet)",
        type: DATASOURCE.type,
        uid: DATASOURCE.uid,
        isDefault: true,
        editable: false,
        // empty path: an in-memory DuckDB, so Grafana never takes the pipeline's database lock
        jsonData: { path: "", initSql: initSql(GRAFANA_WAREHOUSE) },
      },
    ],
  };
}

export const dashboardProvisioning = {
  apiVersion: 1,
  providers: [{ name: "govkpi", folder: "govkpi", type: "file", disableDeletion: true, options: { path: "/var/lib/grafana/dashboards/govkpi" } }],
};

/** Every generated file: its path in the repo and its content. */
export function generatedFiles(): Array<[string, string]> {
  const header = "# generated by dashboards/build.ts (npm run dashboards): edit the definitions, not this file\n";
  return [
    ...DASHBOARDS.map((d): [string, string] => [`dashboards/${fileOf(d)}`, `${JSON.stringify(dashboardJson(d), null, 2)}\n`]),
    ["infra/grafana/provisioning/datasources/govkpi.yaml", header + stringify(datasourceProvisioning())],
    ["infra/grafana/provisioning/dashboards/govkpi.yaml", header + stringify(dashboardProvisioning)],
    ["infra/grafana/provisioning/alerting/govkpi.yaml", header + stringify(alertProvisioning(DATASOURCE.uid))],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  for (const [path, content] of generatedFiles()) {
    writeFileSync(root + path, content);
    console.log(`wrote ${path}`);
  }
}
