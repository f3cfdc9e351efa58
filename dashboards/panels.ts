// The panels of the two dashboards, as data: each panel's SQL over the reader views (facts, reports,
// dead_letters, runs), the columns it returns and how it is drawn. The Grafana JSON and the static
// HTML report are both built from these, so they always show the same numbers.

export type PanelKind = "timeseries" | "barchart" | "table" | "stat";

export interface PanelDef {
  id: number;
  title: string;
  kind: PanelKind;
  sql: string;
  /** the columns the query returns, in order */
  columns: string[];
  /** a KPI panel must show data for a warehouse built from real reports */
  kpi: boolean;
  /** grid position: x, y, width (of 24), height */
  grid: [number, number, number, number];
  description?: string;
}

export interface VariableDef {
  name: string;
  label: string;
  sql: string;
}

export interface DashboardDef {
  uid: string;
  title: string;
  description: string;
  variables: VariableDef[];
  panels: PanelDef[];
}

/** Every variable allows "All", whose value '%' matches anything through LIKE (NULLs included). */
export const ALL = "%";

const distinct = (column: string, table = "facts") =>
  `SELECT DISTINCT ${column} AS __text FROM ${table} WHERE ${column} IS NOT NULL ORDER BY 1`;

/** The filter every KPI panel applies: the dashboard's variables. */
const FILTER = `coalesce(province, '') LIKE '\${province}'
  AND coalesce(city, '') LIKE '\${city}'
  AND coalesce(admin_level, '') LIKE '\${admin_level}'
  AND coalesce(org_name, '') LIKE '\${org}'`;

/** One series per metric and scope: a campaign's figure (医疗美容) is charted beside, never added to, the total. */
const byYear = (metrics: string[], value = "sum(value)") => `SELECT make_date(report_year, 1, 1) AS time, metric || coalesce(' · ' || scope, '') AS series, ${value} AS value
FROM facts
WHERE metric IN (${metrics.map((m) => `'${m}'`).join(", ")}) AND NOT redacted
  AND report_year IS NOT NULL AND $__timeFilter(make_date(report_year, 1, 1)) AND ${FILTER}
GROUP BY ALL ORDER BY time, series`;

export const KPI_TRENDS: DashboardDef = {
  uid: "govkpi-kpi-trends",
  title: "govkpi · KPI trends",
  description: "Petitions, penalties and approval time cuts from government work reports, per year; every figure links to its sentence.",
  variables: [
    { name: "province", label: "Province", sql: distinct("province") },
    { name: "city", label: "City", sql: distinct("city") },
    { name: "admin_level", label: "Admin level", sql: distinct("admin_level") },
    { name: "org", label: "Organisation", sql: distinct("org_name") },
    { name: "family", label: "Metric family", sql: distinct("family") },
  ],
  panels: [
    {
      id: 1, title: "Petitions received (信访总量)", kind: "barchart", kpi: true, grid: [0, 0, 12, 8],
      sql: byYear(["petitions.total"]), columns: ["time", "series", "value"],
    },
    {
      id: 2, title: "Petitions by channel (来信 / 来访 / 来电 / 网上)", kind: "barchart", kpi: true, grid: [12, 0, 12, 8],
      sql: byYear(["petitions.letters", "petitions.visits", "petitions.calls", "petitions.online"]), columns: ["time", "series", "value"],
    },
    {
      id: 3, title: "Penalty cases (行政处罚案件)", kind: "barchart", kpi: true, grid: [0, 8, 12, 8],
      sql: byYear(["penalties.cases"]), columns: ["time", "series", "value"],
    },
    {
      id: 4, title: "Fines (罚没款, 万元)", kind: "barchart", kpi: true, grid: [12, 8, 12, 8],
      sql: byYear(["penalties.fines"], "sum(value) / 10000"), columns: ["time", "series", "value"],
    },
    {
      id: 5, title: "Approval time-cut ratio (承诺时限压缩比, %): median and range", kind: "timeseries", kpi: true, grid: [0, 16, 12, 8],
      sql: `SELECT make_date(report_year, 1, 1) AS time, median(value) AS median, min(value) AS min, max(value) AS max
FROM facts
WHERE metric = 'approvals.time_cut_ratio' AND NOT redacted AND report_year IS NOT NULL
  AND $__timeFilter(make_date(report_year, 1, 1)) AND ${FILTER}
GROUP BY ALL ORDER BY time`,
      columns: ["time", "median", "min", "max"],
    },
    {
      id: 6, title: "Approval time-cut ratio: distribution (%)", kind: "barchart", kpi: true, grid: [12, 16, 12, 8],
      sql: `SELECT (floor(value / 10) * 10)::INTEGER AS bucket, count(*) AS figures
FROM facts
WHERE metric = 'approvals.time_cut_ratio' AND NOT redacted AND ${FILTER}
GROUP BY ALL ORDER BY bucket`,
      columns: ["bucket", "figures"],
    },
    {
      id: 7, title: "Latest figures per organisation, with evidence", kind: "table", kpi: true, grid: [0, 24, 24, 10],
      description: "The most recent year each organisation reported each metric; the evidence is the sentence the figure came from.",
      sql: `SELECT org_name, province, city, report_year, metric, value, unit, approx, qualifier, scope, evidence, source_url
FROM facts
WHERE family LIKE '\${family}' AND ${FILTER}
QUALIFY report_year = max(report_year) OVER (PARTITION BY org_name, metric)
ORDER BY org_name, metric, value DESC NULLS LAST`,
      columns: ["org_name", "province", "city", "report_year", "metric", "value", "unit", "approx", "qualifier", "scope", "evidence", "source_url"],
    },
    {
      id: 8, title: "Coverage: reports per organisation and year", kind: "table", kpi: true, grid: [0, 34, 12, 9],
      sql: `SELECT coalesce(org_name, '(masked)') AS organisation, report_year, count(*) AS reports, sum(fact_count) AS facts
FROM reports
WHERE ${FILTER}
GROUP BY ALL ORDER BY organisation, report_year`,
      columns: ["organisation", "report_year", "reports", "facts"],
    },
    {
      id: 9, title: "Data quality: year-over-year jumps beyond ×3, and redacted figures", kind: "table", kpi: false, grid: [12, 34, 12, 9],
      sql: `WITH yearly AS (
  SELECT org_name, metric, report_year, sum(value) AS value, bool_or(redacted) AS redacted
  FROM facts WHERE scope IS NULL AND ${FILTER} GROUP BY ALL
), flagged AS (
  SELECT org_name, metric, report_year, value,
    lag(value) OVER (PARTITION BY org_name, metric ORDER BY report_year) AS previous, redacted
  FROM yearly
)
SELECT coalesce(org_name, '(masked)') AS organisation, metric, report_year, value, previous,
  CASE WHEN redacted THEN 'redacted' ELSE 'jump' END AS issue
FROM flagged
WHERE redacted OR (previous > 0 AND value > 0 AND greatest(value / previous, previous / value) > 3)
ORDER BY organisation, metric, report_year`,
      columns: ["organisation", "metric", "report_year", "value", "previous", "issue"],
    },
  ],
};

export const INGEST_OPS: DashboardDef = {
  uid: "govkpi-ingest-ops",
  title: "govkpi · ingest operations",
  description: "What each run fetched, what failed and why, what waits in the dead-letter queue, and how fresh each source is.",
  variables: [{ name: "source", label: "Source", sql: distinct("source", "reports") }],
  panels: [
    {
      id: 1, title: "Runs per source", kind: "timeseries", kpi: false, grid: [0, 0, 12, 8],
      sql: `SELECT date_trunc('day', started_at) AS time, source, count(*) AS runs
FROM runs WHERE source LIKE '\${source}' AND $__timeFilter(started_at) GROUP BY ALL ORDER BY time`,
      columns: ["time", "source", "runs"],
    },
    {
      id: 2, title: "Fetched, new and failed per run", kind: "table", kpi: false, grid: [12, 0, 12, 8],
      sql: `SELECT started_at, source, status, fetched, new, failed, error
FROM runs WHERE source LIKE '\${source}' ORDER BY started_at DESC LIMIT 200`,
      columns: ["started_at", "source", "status", "fetched", "new", "failed", "error"],
    },
    {
      id: 3, title: "Dead letters by stage and reason", kind: "table", kpi: false, grid: [0, 8, 12, 8],
      sql: `SELECT stage, regexp_replace(reason, '[0-9]+', 'N', 'g') AS reason, count(*) AS letters, max(failed_at) AS last_seen
FROM dead_letters WHERE coalesce(source, '') LIKE '\${source}' GROUP BY ALL ORDER BY letters DESC`,
      columns: ["stage", "reason", "letters", "last_seen"],
    },
    {
      id: 4, title: "Freshness per source", kind: "table", kpi: true, grid: [12, 8, 12, 8],
      sql: `SELECT source, max(fetched_at) AS last_fetched, max(loaded_at) AS last_loaded, count(*) AS reports,
  date_diff('hour', max(fetched_at), now()) AS hours_since_fetch
FROM reports WHERE source LIKE '\${source}' GROUP BY ALL ORDER BY last_fetched DESC`,
      columns: ["source", "last_fetched", "last_loaded", "reports", "hours_since_fetch"],
    },
    {
      id: 5, title: "Extraction yield: facts per report by extractor version", kind: "barchart", kpi: true, grid: [0, 16, 12, 8],
      sql: `SELECT extractor_version, count(*) AS reports, round(avg(fact_count), 1) AS facts_per_report
FROM reports WHERE status = 'extracted' AND source LIKE '\${source}' GROUP BY ALL ORDER BY extractor_version`,
      columns: ["extractor_version", "reports", "facts_per_report"],
    },
    {
      id: 6, title: "Reports waiting for OCR (scans without a text layer)", kind: "table", kpi: false, grid: [12, 16, 12, 8],
      sql: `SELECT fetched_at, source, source_url, status_reason
FROM reports WHERE status = 'needs_ocr' AND source LIKE '\${source}' ORDER BY fetched_at DESC`,
      columns: ["fetched_at", "source", "source_url", "status_reason"],
    },
  ],
};

export const DASHBOARDS = [KPI_TRENDS, INGEST_OPS];
