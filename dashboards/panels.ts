// The panels of the dashboards, as data: each panel's SQL over the published tables, the columns it
// returns and how it is drawn. The Grafana JSON, the static HTML report and the query benchmark are all
// built from these, so they show the same numbers.
//
// The SQL is written for the DuckDB datasource plugin, which interpolates variables with Grafana's
// `sqlstring` format: a value arrives quoted ('江苏省', or '江苏省','浙江省' for several), so the SQL never
// quotes a variable itself. "All" is the custom value '__all' (inserted as is), tested with
// `'__all' IN (${var})`, which DuckDB folds to a constant, so the branch not taken costs nothing.
// Tables are read through the macros `<table>_at(${snapshot})`: one snapshot per dashboard refresh.
// `$__timeFrom()` / `$__timeTo()` are the plugin's (sqlds) macros; a year is in range when any of it is.
import { ADMIN_LEVELS } from "../schemas/messages.ts";
import { metricDef, UNIT_LABELS, type MetricCode } from "../schemas/metrics.ts";
import { STANDARD_TABLE_METRICS, standardColumn } from "../schemas/warehouse.ts";

type PanelKind = "timeseries" | "barchart" | "table" | "stat";

/** sqlds query formats: the plugin's query model takes a number (0 time series, 1 table). */
export const FORMAT = { timeSeries: 0, table: 1 } as const;

/** A link from a table cell to the evidence dashboard, carrying the row's organisation and metric. */
interface DrillDown {
  column: string;
  /** row fields passed as dashboard variables: variable name → column */
  vars: Record<string, string>;
}

export interface PanelDef {
  id: number;
  title: string;
  kind: PanelKind;
  sql: string;
  /** the columns the query returns, in order; undefined when they depend on the data (a pivot) */
  columns?: string[];
  /** a KPI panel must show data for a warehouse built from real reports */
  kpi: boolean;
  /** grid position: x, y, width (of 24), height */
  grid: [number, number, number, number];
  description?: string;
  /** Grafana unit of the numeric fields (`suffix:件`, `percent`) */
  unit?: string;
  format?: (typeof FORMAT)[keyof typeof FORMAT];
  drillDown?: DrillDown[];
  /** table: the cell of this column is coloured by these hour thresholds */
  thresholds?: { column: string; steps: Array<[number | null, string]> };
}

export interface VariableDef {
  name: string;
  label: string;
  sql: string;
  /** several values and "All" (the default) may be chosen */
  multi: boolean;
  hide?: boolean;
  /** re-run on every time-range change (and so every refresh), not only on load */
  refreshOnTime?: boolean;
  /** the value chosen when the dashboard opens, for single-value variables */
  default?: string;
}

export interface DashboardDef {
  uid: string;
  title: string;
  description: string;
  variables: VariableDef[];
  panels: PanelDef[];
  /** links in the dashboard's header to other dashboards, carrying the variables */
  links?: Array<{ title: string; uid: string }>;
}

/** The custom "All" value, inserted as is by Grafana (quotes included). */
export const ALL_VALUE = "'__all'";

export const ADMIN_LEVEL_LABELS: Record<(typeof ADMIN_LEVELS)[number], string> = { province: "省级", prefecture: "市级", county: "县级" };

export const EVIDENCE_UID = "govkpi-evidence";

const at = (table: string) => `${table}_at(\${snapshot})`;
const isAll = (variable: string) => `'__all' IN (\${${variable}})`;
const pick = (column: string, variable: string) => `(${isAll(variable)} OR ${column} IN (\${${variable}}))`;
const levelLabel = (column = "admin_level") =>
  `CASE ${column} ${ADMIN_LEVELS.map((l) => `WHEN '${l}' THEN '${ADMIN_LEVEL_LABELS[l]}'`).join(" ")} ELSE '未注明' END`;
/** one column per admin level, from rows (level, value): levels side by side, never added together */
const levelColumns = (value = "value") => ADMIN_LEVELS.map((l) => `max(${value}) FILTER (WHERE admin_level = '${l}') AS "${ADMIN_LEVEL_LABELS[l]}"`).join(", ");
const LEVEL_COLUMNS = ADMIN_LEVELS.map((l) => ADMIN_LEVEL_LABELS[l]);

const LAST_YEAR = "year($__timeTo()::TIMESTAMP)";
const YEARS = `report_year BETWEEN year($__timeFrom()::TIMESTAMP) AND ${LAST_YEAR}`;
/** a kpi_yearly row that is its organisation's latest of the metric within the range: the next is past it */
const LATEST = `${YEARS} AND coalesce(next_year > ${LAST_YEAR}, true)`;
const REGION = [pick("province", "province"), pick("city", "city"), pick(levelLabel(), "admin_level")].join(" AND ");
/** the metric codes whose label with unit (信访总量（件）, what the metric variables show) is chosen */
const chosenMetrics = (variable: string) => `(SELECT code FROM ${at("metrics")} WHERE ${pick("display", variable)})`;
const ORGS = `${REGION} AND ${pick("org_name", "org")}`;

const metricLabel = (code: MetricCode) => {
  const m = metricDef(code);
  return `${m.label}（${UNIT_LABELS[m.unit]}）`;
};
const unitOf = (code: MetricCode) => {
  const unit = metricDef(code).unit;
  return unit === "percent" ? "percent" : `suffix:${UNIT_LABELS[unit]}`;
};

/**
 * The organisation-wide figures (no scope, no qualifier) of the `metrics` (a parenthesised list or subquery) per admin level, province and year,
 * within the time range and the variables: from the rollup when no organisation is chosen, else from the
 * chosen organisations' rows. `total` is a level's figure (a sum, or a mean for rates and day counts).
 */
function levelFigures(metrics: string): string {
  return `figures AS (
  SELECT metric, admin_level, province, report_year, value_sum, orgs, comparable_sum, comparable_previous
  FROM ${at("kpi_rollup")}
  WHERE ${isAll("org")} AND metric IN ${metrics} AND scope IS NULL AND qualifier IS NULL AND ${REGION} AND ${YEARS}
  UNION ALL
  SELECT metric, admin_level, province, report_year, value, CASE WHEN value IS NOT NULL THEN 1 ELSE 0 END,
    CASE WHEN previous IS NOT NULL THEN value END, CASE WHEN value IS NOT NULL THEN previous END
  FROM ${at("kpi_yearly")}
  WHERE NOT ${isAll("org")} AND metric IN ${metrics} AND scope IS NULL AND qualifier IS NULL AND ${ORGS} AND ${YEARS}
), level_year AS (
  SELECT metric, admin_level, report_year,
    CASE WHEN any_value(m.aggregation) = 'sum' THEN sum(value_sum) ELSE sum(value_sum) / nullif(sum(orgs), 0) END AS total,
    sum(comparable_sum) / nullif(sum(comparable_previous), 0) - 1 AS yoy
  FROM figures JOIN ${at("metrics")} AS m ON m.code = figures.metric
  GROUP BY ALL
)`;
}

/** Headline: the metric's figure per admin level in the last year of the range, with its year-over-year change. */
function headline(id: number, code: MetricCode, x: number): PanelDef {
  return {
    id,
    title: metricLabel(code),
    kind: "stat",
    kpi: true,
    grid: [x, 0, 4, 5],
    unit: unitOf(code),
    description: "最近一年（时间范围内）各级合计；同比只比较两年都有数据的单位。",
    sql: `WITH ${levelFigures(`('${code}')`)}
SELECT ${levelLabel()} || ' ' || report_year || ' 同比 ' || coalesce(printf('%+.1f%%', 100 * yoy), '—') AS label, total AS value
FROM level_year
WHERE report_year = (SELECT max(report_year) FROM level_year WHERE total IS NOT NULL) AND total IS NOT NULL
ORDER BY admin_level DESC`,
    columns: ["label", "value"],
  };
}

const HEADLINES: MetricCode[] = [
  "petitions.total",
  "penalties.cases",
  "penalties.fines",
  "approvals.licensing_decisions",
  "disclosure.requests",
  "approvals.time_cut_ratio",
];

const EVIDENCE_LINK = { column: "指标", vars: { org: "org_name", metric: "指标" } };

export const KPI_TRENDS: DashboardDef = {
  uid: "govkpi-kpi-trends",
  title: "govkpi · KPI trends",
  description: "Petitions, penalties, approvals and disclosure from government work reports, per year and admin level; every figure links to its sentence.",
  links: [{ title: "Evidence (原文证据)", uid: EVIDENCE_UID }],
  variables: [
    {
      name: "snapshot",
      label: "Snapshot",
      multi: false,
      hide: true,
      refreshOnTime: true,
      sql: "SELECT snapshot AS __text FROM current_snapshot()",
    },
    { name: "province", label: "省份", multi: true, sql: `SELECT DISTINCT province AS __text FROM ${at("orgs")} WHERE province IS NOT NULL ORDER BY 1` },
    {
      name: "admin_level",
      label: "级别",
      multi: true,
      sql: `SELECT DISTINCT ${levelLabel()} AS __text FROM ${at("orgs")} WHERE admin_level IS NOT NULL ORDER BY 1 DESC`,
    },
    {
      name: "city",
      label: "市",
      multi: true,
      sql: `SELECT DISTINCT city AS __text FROM ${at("orgs")} WHERE city IS NOT NULL AND ${pick("province", "province")} ORDER BY 1`,
    },
    { name: "org", label: "单位", multi: true, sql: `SELECT DISTINCT org_name AS __text FROM ${at("orgs")} WHERE ${REGION} ORDER BY 1` },
    {
      name: "metric",
      label: "指标",
      multi: false,
      default: metricLabel("petitions.total"),
      sql: `SELECT display AS __text FROM ${at("metrics")} WHERE code IN (SELECT DISTINCT metric FROM ${at("kpi_rollup")}) ORDER BY family, code`,
    },
    { name: "family", label: "指标类别", multi: true, sql: `SELECT DISTINCT family AS __text FROM ${at("metrics")} ORDER BY 1` },
  ],
  panels: [
    ...HEADLINES.map((code, i) => headline(i + 1, code, i * 4)),
    {
      id: 7,
      title: "${metric:text}：各级逐年（不跨级相加）",
      kind: "barchart",
      kpi: true,
      grid: [0, 5, 12, 8],
      description: "每一级别所选单位的合计（比率、天数为平均）；省级、市级、县级并列，从不相加。",
      sql: `WITH ${levelFigures(chosenMetrics("metric"))}
SELECT report_year::VARCHAR AS year, ${levelColumns("total")}
FROM level_year GROUP BY report_year ORDER BY report_year`,
      columns: ["year", ...LEVEL_COLUMNS],
    },
    {
      id: 8,
      title: "${metric:text}：各省比较（时间范围内最近一年）",
      kind: "barchart",
      kpi: true,
      grid: [12, 5, 12, 8],
      sql: `WITH ${levelFigures(chosenMetrics("metric"))}, last AS (SELECT max(report_year) AS year FROM figures WHERE value_sum IS NOT NULL)
SELECT coalesce(province, '未注明') AS province, ${levelColumns("value")}
FROM (
  SELECT province, admin_level,
    CASE WHEN any_value(m.aggregation) = 'sum' THEN sum(value_sum) ELSE sum(value_sum) / nullif(sum(orgs), 0) END AS value
  FROM figures JOIN ${at("metrics")} AS m ON m.code = figures.metric
  WHERE report_year = (SELECT year FROM last) GROUP BY ALL
) GROUP BY 1 ORDER BY 1`,
      columns: ["province", ...LEVEL_COLUMNS],
    },
    {
      id: 9,
      title: "${metric:text}：单位逐年（未选单位时为最近一年最大的10个）",
      kind: "barchart",
      kpi: true,
      grid: [0, 13, 12, 8],
      sql: `WITH yearly AS (
  SELECT org_name, report_year, value, next_year FROM ${at("kpi_yearly")}
  WHERE metric IN ${chosenMetrics("metric")} AND scope IS NULL AND qualifier IS NULL AND value IS NOT NULL AND org_name IS NOT NULL AND ${ORGS} AND ${YEARS}
), top AS (
  SELECT org_name FROM yearly WHERE coalesce(next_year > ${LAST_YEAR}, true) GROUP BY org_name ORDER BY max(value) DESC, org_name LIMIT 10
)
SELECT * FROM (
  PIVOT (SELECT report_year::VARCHAR AS year, org_name, value FROM yearly SEMI JOIN top USING (org_name))
  ON org_name USING max(value) GROUP BY year
) ORDER BY year`,
    },
    {
      id: 10,
      title: "复议纠正率（%）：各级逐年",
      kind: "barchart",
      kpi: true,
      grid: [12, 13, 12, 8],
      unit: "percent",
      description: "行政复议结果纠正 ÷ 行政复议（两者都报告的单位）。",
      sql: `WITH ${levelFigures("('disputes.reconsiderations', 'disputes.reconsiderations_corrected')")}
SELECT report_year::VARCHAR AS year, ${levelColumns("rate")}
FROM (
  SELECT report_year, admin_level,
    100 * max(total) FILTER (WHERE metric = 'disputes.reconsiderations_corrected') / nullif(max(total) FILTER (WHERE metric = 'disputes.reconsiderations'), 0) AS rate
  FROM level_year GROUP BY ALL
) GROUP BY report_year ORDER BY report_year`,
      columns: ["year", ...LEVEL_COLUMNS],
    },
    {
      id: 11,
      title: "行政许可、行政处罚、依申请公开与复议纠正率：单位逐年",
      kind: "table",
      kpi: true,
      grid: [0, 21, 24, 9],
      sql: `SELECT org_name, province, ${levelLabel()} AS level, report_year,
  ${STANDARD_TABLE_METRICS.map((c) => `${standardColumn(c)} AS "${metricLabel(c)}"`).join(",\n  ")},
  round(100 * ${standardColumn("disputes.reconsiderations_corrected")} / nullif(${standardColumn("disputes.reconsiderations")}, 0), 1) AS "复议纠正率（%）"
FROM ${at("kpi_standard")}
WHERE ${ORGS} AND ${YEARS}
ORDER BY org_name, report_year, province LIMIT 2000`,
      columns: ["org_name", "province", "level", "report_year", ...STANDARD_TABLE_METRICS.map(metricLabel), "复议纠正率（%）"],
      drillDown: [{ column: "org_name", vars: { org: "org_name" } }],
    },
    {
      id: 12,
      title: "各单位最新数据（点击指标查看原文证据）",
      kind: "table",
      kpi: true,
      grid: [0, 30, 24, 10],
      description: "每个单位每项指标在时间范围内最近一年的数据、单位和同比；点击指标打开该单位逐年的原文句子和报告链接。",
      sql: `SELECT org_name, province, ${levelLabel()} AS level, m.display AS 指标, report_year, value,
  previous, round(100 * yoy, 1) AS "同比（%）", qualifier, scope
FROM (
  SELECT * FROM ${at("kpi_by_org")}
  WHERE ${pick("family", "family")} AND org_name IS NOT NULL AND ${ORGS} AND ${LATEST}
  ORDER BY org_name, metric, qualifier NULLS FIRST, scope NULLS FIRST, province, city, county LIMIT 2000
) AS y JOIN ${at("metrics")} AS m ON m.code = y.metric
ORDER BY org_name, metric, qualifier NULLS FIRST, scope NULLS FIRST, province, city, county`,
      columns: ["org_name", "province", "level", "指标", "report_year", "value", "previous", "同比（%）", "qualifier", "scope"],
      drillDown: [EVIDENCE_LINK],
    },
    {
      id: 13,
      title: "数据质量：同比超过3倍的跳变、遮蔽数字（点击指标查看原文）",
      kind: "table",
      kpi: false,
      grid: [0, 40, 14, 9],
      sql: `SELECT org_name, ${levelLabel()} AS level, m.display AS 指标, report_year, value, previous,
  CASE flag WHEN 'redacted' THEN '遮蔽（**）' ELSE '跳变 ×' || round(ratio, 1) END AS issue
FROM (
  SELECT * FROM ${at("kpi_flags")} WHERE org_name IS NOT NULL AND ${ORGS} AND ${YEARS}
  ORDER BY org_name, metric, report_year, qualifier NULLS FIRST, scope NULLS FIRST LIMIT 2000
) AS y JOIN ${at("metrics")} AS m ON m.code = y.metric
ORDER BY org_name, metric, report_year, qualifier NULLS FIRST, scope NULLS FIRST`,
      columns: ["org_name", "level", "指标", "report_year", "value", "previous", "issue"],
      drillDown: [EVIDENCE_LINK],
    },
    {
      id: 16,
      title: "一致性检查：未通过的表格勾稽与文表不一致（点击单位查看原文）",
      kind: "table",
      kpi: false,
      grid: [0, 57, 24, 9],
      description:
        "政府信息公开年度报告表格的勾稽关系（合计、结转平衡）和正文数字与表格单元格的一致性，按单位、年份和检查项统计未通过的次数；点击单位打开其逐年的检查明细和报告链接。",
      sql: `SELECT org_name, ${levelLabel()} AS level, report_year, name AS 检查, failed AS 未通过, checks AS 检查数, undecided AS 无法判定, failed_example AS 示例
FROM (
  SELECT * FROM ${at("checks_by_org")} WHERE failed > 0 AND org_name IS NOT NULL AND ${ORGS} AND ${YEARS}
  ORDER BY org_name, report_year, name, province, city, county LIMIT 2000
)
ORDER BY org_name, report_year, 检查, province, city, county`,
      columns: ["org_name", "level", "report_year", "检查", "未通过", "检查数", "无法判定", "示例"],
      drillDown: [{ column: "org_name", vars: { org: "org_name" } }],
    },
    {
      id: 15,
      title: "承诺时限压缩比分布（%，各级单位数）",
      kind: "barchart",
      kpi: true,
      grid: [0, 49, 24, 8],
      description: "每个单位时间范围内最近一年的压缩比，按10个百分点分组；横轴为文字分组，柱为各级单位数。",
      sql: `WITH latest AS (
  SELECT admin_level, value FROM ${at("kpi_yearly")}
  WHERE metric = 'approvals.time_cut_ratio' AND scope IS NULL AND qualifier IS NULL AND value IS NOT NULL AND org_name IS NOT NULL AND ${ORGS} AND ${LATEST}
), buckets AS (SELECT least(floor(value / 10), 9)::INTEGER AS b, admin_level, count(*) AS orgs FROM latest GROUP BY ALL)
SELECT (b * 10) || '–' || (b * 10 + 10) || '%' AS bucket, ${levelColumns("orgs")}
FROM buckets GROUP BY b ORDER BY b`,
      columns: ["bucket", ...LEVEL_COLUMNS],
    },
    {
      id: 14,
      title: "覆盖：各省各级逐年报告数",
      kind: "table",
      kpi: true,
      grid: [14, 40, 10, 9],
      sql: `WITH counts AS (
  SELECT province, admin_level, report_year, reports, facts FROM ${at("reports_rollup")} WHERE ${isAll("org")} AND ${REGION} AND ${YEARS}
  UNION ALL
  SELECT province, admin_level, report_year, reports, facts FROM ${at("org_years")} WHERE NOT ${isAll("org")} AND ${ORGS} AND ${YEARS}
)
SELECT coalesce(province, '未注明') AS province, ${levelLabel()} AS level, report_year, sum(reports) AS reports, sum(facts) AS facts
FROM counts GROUP BY ALL ORDER BY province, level DESC, report_year`,
      columns: ["province", "level", "report_year", "reports", "facts"],
    },
  ],
};

const EVIDENCE: DashboardDef = {
  uid: EVIDENCE_UID,
  title: "govkpi · evidence",
  description:
    "Every year's figure of the chosen organisations with the sentence it was read from and the report's link. Opened from the KPI dashboard's tables.",
  links: [{ title: "KPI trends", uid: "govkpi-kpi-trends" }],
  variables: [
    KPI_TRENDS.variables[0]!,
    { name: "org", label: "单位", multi: true, sql: `SELECT DISTINCT org_name AS __text FROM ${at("orgs")} ORDER BY 1` },
    { name: "metric", label: "指标", multi: true, sql: `SELECT display AS __text FROM ${at("metrics")} ORDER BY family, code` },
  ],
  panels: [
    {
      id: 1,
      title: "原文证据：逐年数据、句子与报告链接（所有年份）",
      kind: "table",
      kpi: false,
      grid: [0, 0, 24, 18],
      description: "先选择单位（或从 KPI 仪表板的表格点击进入）：证据按单位读取，不随汇总加载；显示所有年份，跳变可追溯到前后两年的原句。",
      sql: `SELECT org_name, report_year, m.display AS 指标, value, approx, redacted, qualifier, scope, evidence, source_url
FROM ${at("facts")} AS f JOIN ${at("metrics")} AS m ON m.code = f.metric
WHERE NOT ${isAll("org")} AND org_name IN (\${org}) AND f.metric IN ${chosenMetrics("metric")}
  AND province_code IN (SELECT province_code FROM ${at("orgs")} WHERE org_name IN (\${org}))
ORDER BY org_name, f.metric, qualifier NULLS FIRST, scope NULLS FIRST, report_year`,
      columns: ["org_name", "report_year", "指标", "value", "approx", "redacted", "qualifier", "scope", "evidence", "source_url"],
    },
    {
      id: 2,
      title: "一致性检查明细：表格勾稽与文表一致（所有年份）",
      kind: "table",
      kpi: false,
      grid: [0, 18, 24, 10],
      description: "所选单位每份报告的检查：检查项、对象、应为（表中合计或表格单元格）、实为（各项之和或正文数字）、是否通过、算式或正文句子、报告链接。",
      sql: `SELECT org_name, report_year, name AS 检查, subject AS 对象, expected AS 应为, actual AS 实为, passed AS 通过, detail AS 算式或原文, source_url
FROM ${at("checks")}
WHERE NOT ${isAll("org")} AND org_name IN (\${org})
  AND province_code IN (SELECT province_code FROM ${at("orgs")} WHERE org_name IN (\${org}))
ORDER BY org_name, report_year, passed NULLS LAST, name, subject`,
      columns: ["org_name", "report_year", "检查", "对象", "应为", "实为", "通过", "算式或原文", "source_url"],
    },
  ],
};

const SOURCE = pick("source", "source");

const INGEST_OPS: DashboardDef = {
  uid: "govkpi-ingest-ops",
  title: "govkpi · ingest operations",
  description: "How fresh each source is, what each run fetched, what failed and why, what waits in the dead-letter queue.",
  variables: [
    KPI_TRENDS.variables[0]!,
    {
      name: "source",
      label: "Source",
      multi: true,
      sql: `SELECT source AS __text FROM ${at("runs")} UNION SELECT source FROM ${at("reports_rollup")} ORDER BY 1`,
    },
  ],
  panels: [
    {
      id: 1,
      title: "Freshness per source (hours since the last successful run)",
      kind: "table",
      kpi: true,
      grid: [0, 0, 24, 9],
      description: "Every source id seen in runs or reports. Green under 48 h, orange under 8 days, red beyond (or never succeeded).",
      sql: `WITH sources AS (SELECT source FROM ${at("runs")} UNION SELECT source FROM ${at("reports_rollup")}),
run_stats AS (
  SELECT source, max(started_at) AS last_run, arg_max(status, started_at) AS last_status,
    max(ended_at) FILTER (WHERE status IN ('ok', 'unchanged')) AS last_success, count(*) AS runs,
    round(100 * count(*) FILTER (WHERE status = 'failed') / count(*), 1) AS failed_runs_pct
  FROM ${at("runs")} GROUP BY source
), report_stats AS (
  SELECT source, max(last_loaded) AS last_loaded, sum(reports) AS reports FROM ${at("reports_rollup")} GROUP BY source
)
SELECT source, last_status, last_run, last_success,
  date_diff('hour', coalesce(last_success, last_loaded), now()) AS hours_since_success,
  last_loaded, reports, runs, failed_runs_pct
FROM sources LEFT JOIN run_stats USING (source) LEFT JOIN report_stats USING (source)
WHERE ${SOURCE}
ORDER BY hours_since_success DESC NULLS FIRST, source`,
      columns: ["source", "last_status", "last_run", "last_success", "hours_since_success", "last_loaded", "reports", "runs", "failed_runs_pct"],
      thresholds: {
        column: "hours_since_success",
        steps: [
          [null, "green"],
          [48, "orange"],
          [192, "red"],
        ],
      },
    },
    {
      id: 2,
      title: "Failure rates per source (%)",
      kind: "barchart",
      kpi: false,
      grid: [0, 9, 12, 8],
      unit: "percent",
      sql: `SELECT source, round(100 * count(*) FILTER (WHERE status = 'failed') / count(*), 1) AS failed_runs,
  round(100 * sum(failed) / nullif(sum(fetched), 0), 1) AS failed_documents
FROM ${at("runs")} WHERE ${SOURCE} AND $__timeFilter(started_at) GROUP BY source ORDER BY source`,
      columns: ["source", "failed_runs", "failed_documents"],
    },
    {
      id: 3,
      title: "Run durations (s)",
      kind: "timeseries",
      kpi: false,
      grid: [12, 9, 12, 8],
      unit: "s",
      format: FORMAT.timeSeries,
      sql: `SELECT started_at AS time, source, date_diff('millisecond', started_at, ended_at) / 1000 AS duration
FROM ${at("runs")} WHERE ended_at IS NOT NULL AND ${SOURCE} AND $__timeFilter(started_at) ORDER BY time`,
      columns: ["time", "source", "duration"],
    },
    {
      id: 4,
      title: "Fetched, new and failed per run",
      kind: "table",
      kpi: false,
      grid: [0, 17, 12, 8],
      sql: `SELECT started_at, source, status, date_diff('second', started_at, ended_at) AS seconds, fetched, new, failed, error
FROM ${at("runs")} WHERE ${SOURCE} AND $__timeFilter(started_at) ORDER BY started_at DESC LIMIT 200`,
      columns: ["started_at", "source", "status", "seconds", "fetched", "new", "failed", "error"],
    },
    {
      id: 5,
      title: "Dead letters by stage and reason",
      kind: "table",
      kpi: false,
      grid: [12, 17, 12, 8],
      sql: `SELECT stage, regexp_replace(reason, '[0-9]+', 'N', 'g') AS reason, count(*) AS letters, max(failed_at) AS last_seen
FROM ${at("dead_letters")} WHERE (${isAll("source")} OR source IN (\${source})) AND $__timeFilter(failed_at)
GROUP BY ALL ORDER BY letters DESC`,
      columns: ["stage", "reason", "letters", "last_seen"],
    },
    {
      id: 6,
      title: "Dead letters per day and stage",
      kind: "timeseries",
      kpi: false,
      grid: [0, 25, 12, 8],
      format: FORMAT.timeSeries,
      sql: `SELECT date_trunc('day', failed_at) AS time, stage, count(*) AS letters
FROM ${at("dead_letters")} WHERE (${isAll("source")} OR source IN (\${source})) AND $__timeFilter(failed_at)
GROUP BY ALL ORDER BY time`,
      columns: ["time", "stage", "letters"],
    },
    {
      id: 7,
      title: "Extraction yield: facts per report by extractor version",
      kind: "barchart",
      kpi: true,
      grid: [12, 25, 12, 8],
      sql: `SELECT extractor_version, sum(reports) AS reports, round(sum(facts) / sum(reports), 1) AS facts_per_report
FROM ${at("reports_rollup")} WHERE status = 'extracted' AND ${SOURCE} GROUP BY ALL ORDER BY extractor_version`,
      columns: ["extractor_version", "reports", "facts_per_report"],
    },
    {
      id: 8,
      title: "Reports waiting for OCR (scans without a text layer)",
      kind: "table",
      kpi: false,
      grid: [0, 33, 24, 8],
      sql: `SELECT fetched_at, source, source_url, status_reason
FROM ${at("reports")} WHERE status = 'needs_ocr' AND ${SOURCE} ORDER BY fetched_at DESC`,
      columns: ["fetched_at", "source", "source_url", "status_reason"],
    },
  ],
};

export const DASHBOARDS = [KPI_TRENDS, EVIDENCE, INGEST_OPS];
