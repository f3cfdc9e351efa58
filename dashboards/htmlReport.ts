// The dashboards as one static HTML page for users without Grafana: the same panel queries, charts drawn
// by ECharts (inlined, so the page works offline) and tables with the evidence and source links.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { DashboardDef, PanelDef } from "./panels.ts";

export interface PanelResult {
  panel: PanelDef;
  columns: string[];
  rows: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const ECHARTS = () => readFileSync(require.resolve("echarts/dist/echarts.min.js"), "utf8");

const escape = (v: unknown) =>
  String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const axisValue = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 4) : String(v));

/** ECharts option for a chart panel: the first column is the x axis; a `series` column, or else every
 * other numeric column, gives the series. */
export function chartOption(r: PanelResult): object {
  const [x, ...rest] = r.columns;
  const categories = [...new Set(r.rows.map((row) => axisValue(row[x!])))];
  const type = r.panel.kind === "timeseries" ? "line" : "bar";
  const names = rest.includes("series") ? [...new Set(r.rows.map((row) => String(row.series)))] : rest.filter((c) => r.rows.some((row) => !Number.isNaN(Number(row[c]))));
  const series = names.map((name) => ({
    name,
    type,
    data: categories.map((cat) => {
      const row = r.rows.find((row) => axisValue(row[x!]) === cat && (!rest.includes("series") || String(row.series) === name));
      const v = row ? Number(rest.includes("series") ? row.value : row[name]) : null;
      return v === null || Number.isNaN(v) ? null : v;
    }),
  }));
  return { tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 }, grid: { left: 60, right: 20, top: 20, bottom: 60 }, xAxis: { type: "category", data: categories }, yAxis: { type: "value" }, series };
}

function table(r: PanelResult): string {
  const cell = (c: string, v: unknown) =>
    c === "source_url" && typeof v === "string" && /^(https?|file):/.test(v) ? `<a href="${escape(v)}">${escape(v)}</a>` : escape(v);
  return `<table><thead><tr>${r.columns.map((c) => `<th>${escape(c)}</th>`).join("")}</tr></thead><tbody>${r.rows
    .map((row) => `<tr>${r.columns.map((c) => `<td>${cell(c, row[c])}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export function renderReport(title: string, sections: Array<{ dashboard: DashboardDef; results: PanelResult[] }>, generatedAt: Date): string {
  const charts: Array<{ id: string; option: object }> = [];
  const body = sections
    .map(({ dashboard, results }) => {
      const panels = results.map((r) => {
        const head = `<h3>${escape(r.panel.title)}</h3>${r.panel.description ? `<p class="note">${escape(r.panel.description)}</p>` : ""}`;
        if (!r.rows.length) return `<section class="panel">${head}<p class="empty">No data.</p></section>`;
        if (r.panel.kind === "table" || r.panel.kind === "stat") return `<section class="panel wide">${head}${table(r)}</section>`;
        const id = `chart-${dashboard.uid}-${r.panel.id}`;
        charts.push({ id, option: chartOption(r) });
        return `<section class="panel">${head}<div class="chart" id="${id}"></div></section>`;
      });
      return `<h2>${escape(dashboard.title)}</h2><p class="note">${escape(dashboard.description)}</p><div class="grid">${panels.join("")}</div>`;
    })
    .join("");
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;background:#fafafa}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
.panel{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;overflow:auto}
.panel.wide{grid-column:1/-1;max-height:520px}
.chart{height:320px}
table{border-collapse:collapse;font-size:12px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
.note,.empty{color:#666;font-size:13px}
</style></head><body>
<h1>${escape(title)}</h1><p class="note">Generated ${escape(generatedAt.toISOString())} from the Parquet warehouse by <code>govkpi report</code>.</p>
${body}
<script>${ECHARTS()}</script>
<script>
window.addEventListener("error", (e) => document.body.setAttribute("data-error", String(e.message)));
const charts = ${JSON.stringify(charts).replace(/</g, "\\u003c")};
for (const { id, option } of charts) {
  const el = document.getElementById(id);
  const chart = echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({ ...option, animation: false });
  const canvas = el.querySelector("canvas");
  if (canvas && canvas.width > 0 && canvas.height > 0) el.setAttribute("data-rendered", "true");
}
document.body.setAttribute("data-charts", String(charts.length));
</script>
</body></html>
`;
}
