// The dashboards as one static HTML page for users without Grafana: the same panel queries, run once per
// province, embedded as data; the page draws charts with ECharts (inlined: it works offline) and tables
// with sortable columns, and filters by province and year in the browser.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface ReportPanel {
  id: string;
  title: string;
  kind: string;
  description?: string;
  /** the unit the numbers are in (件, 元, %, 秒), shown on the chart's axis */
  unit?: string;
}

interface ReportSection {
  title: string;
  description: string;
  panels: ReportPanel[];
}

export interface PanelData {
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface ReportData {
  sections: ReportSection[];
  /** '' is every province */
  provinces: string[];
  years: number[];
  /** province ('' for all) → panel id → its rows */
  datasets: Record<string, Record<string, PanelData>>;
}

const require = createRequire(import.meta.url);
const ECHARTS = () => readFileSync(require.resolve("echarts/dist/echarts.min.js"), "utf8");

const escapeHtml = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Grafana unit → the unit word shown on a chart axis. */
export const unitWord = (unit?: string) => (unit === "percent" ? "%" : unit === "s" ? "秒" : unit?.startsWith("suffix:") ? unit.slice(7) : undefined);

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x)).replace(/</g, "\\u003c");

/** The page's script: draws every panel for the chosen province and year. */
const CLIENT = String.raw`
const data = JSON.parse(document.getElementById("report-data").textContent);
const province = document.getElementById("province"), year = document.getElementById("year");
const charts = {};
const yearOf = (row) => row.report_year ?? (/^\d{4}$/.test(String(row.year)) ? row.year : undefined);
const text = (v) => v === null || v === undefined ? "" : typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("zh-CN") : v.toLocaleString("zh-CN", { maximumFractionDigits: 2 })) : String(v);
function rowsOf(panel) {
  const d = (data.datasets[province.value] || {})[panel.id] || { columns: [], rows: [] };
  const y = year.value;
  return { columns: d.columns, rows: y ? d.rows.filter((r) => yearOf(r) === undefined || String(yearOf(r)) === y) : d.rows };
}
function drawTable(el, panel, d) {
  let sortBy = null, desc = false;
  const render = () => {
    const rows = sortBy === null ? d.rows : [...d.rows].sort((a, b) => {
      const x = a[sortBy], y = b[sortBy];
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), "zh-CN");
      return desc ? -c : c;
    });
    el.innerHTML = "<table><thead><tr>" + d.columns.map((c) => "<th data-col=\"" + esc(c) + "\">" + esc(c) + (c === sortBy ? (desc ? " ▼" : " ▲") : "") + "</th>").join("") +
      "</tr></thead><tbody>" + rows.map((r) => "<tr>" + d.columns.map((c) => "<td>" + cell(c, r[c]) + "</td>").join("") + "</tr>").join("") + "</tbody></table>";
    el.querySelectorAll("th").forEach((th) => th.addEventListener("click", () => {
      const c = th.getAttribute("data-col");
      desc = sortBy === c ? !desc : false; sortBy = c; render();
    }));
  };
  render();
}
function esc(v) { return String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]); }
function cell(c, v) { if (/year/.test(c)) return esc(v); return c === "source_url" && /^(https?|file):/.test(String(v)) ? "<a href=\"" + esc(v) + "\">" + esc(v) + "</a>" : esc(text(v)); }
function chartOption(panel, d) {
  const [x, ...rest] = d.columns;
  const series = rest.filter((c) => d.rows.some((r) => typeof r[c] === "number"));
  return {
    animation: false, tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
    grid: { left: 70, right: 20, top: 30, bottom: 60 },
    xAxis: { type: "category", data: d.rows.map((r) => String(r[x])) },
    yAxis: { type: "value", name: panel.unit || "" },
    series: series.map((name) => ({ name, type: panel.kind === "timeseries" ? "line" : "bar", data: d.rows.map((r) => typeof r[name] === "number" ? r[name] : null) })),
  };
}
function draw() {
  let drawn = 0;
  for (const section of data.sections) for (const panel of section.panels) {
    const el = document.getElementById("panel-" + panel.id);
    const d = rowsOf(panel);
    el.classList.toggle("empty", d.rows.length === 0);
    if (panel.kind === "table" || panel.kind === "stat") { drawTable(el, panel, d); continue; }
    if (!d.rows.length) { charts[panel.id]?.clear(); continue; }
    const chart = charts[panel.id] ||= echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(chartOption(panel, d), true);
    const canvas = el.querySelector("canvas");
    if (canvas && canvas.width > 0) { el.setAttribute("data-rendered", "true"); drawn++; }
  }
  document.body.setAttribute("data-charts", String(drawn));
}
window.addEventListener("error", (e) => document.body.setAttribute("data-error", String(e.message)));
province.addEventListener("change", draw); year.addEventListener("change", draw);
const params = new URLSearchParams(location.search);
if (params.has("province")) province.value = params.get("province");
if (params.has("year")) year.value = params.get("year");
draw();
`;

export function renderReport(title: string, data: ReportData, generatedAt: Date): string {
  const sections = data.sections
    .map(
      (s) =>
        `<h2>${escapeHtml(s.title)}</h2><p class="note">${escapeHtml(s.description)}</p><div class="grid">${s.panels
          .map(
            (p) =>
              `<section class="panel${p.kind === "table" ? " wide" : ""}"><h3>${escapeHtml(p.title)}</h3>${p.description ? `<p class="note">${escapeHtml(p.description)}</p>` : ""}<div class="${p.kind === "table" || p.kind === "stat" ? "table" : "chart"}" id="panel-${escapeHtml(p.id)}"></div></section>`,
          )
          .join("")}</div>`,
    )
    .join("");
  const option = (value: string, label: string) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
.filters{position:sticky;top:0;background:#fafafa;padding:8px 0;z-index:2}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
.panel{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;overflow:auto}
.panel.wide{grid-column:1/-1;max-height:560px}
.chart{height:320px}.empty::after{content:"无数据";color:#999}
table{border-collapse:collapse;font-size:12px}th{cursor:pointer;background:#f3f3f3;position:sticky;top:0}
th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
.note{color:#666;font-size:13px}
</style></head><body>
<h1>${escapeHtml(title)}</h1><p class="note">生成于 ${escapeHtml(generatedAt.toISOString())}（govkpi report，读取 Parquet 数仓）。点击表头排序。</p>
<div class="filters"><label>省份 <select id="province">${data.provinces.map((p) => option(p, p || "全部")).join("")}</select></label>
<label>年份 <select id="year">${option("", "全部")}${data.years.map((y) => option(String(y), String(y))).join("")}</select></label></div>
${sections}
<script type="application/json" id="report-data">${json(data)}</script>
<script>${ECHARTS()}</script>
<script>${CLIENT}</script>
</body></html>
`;
}
