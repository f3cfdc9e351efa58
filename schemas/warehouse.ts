// The warehouse tables (DuckDB) and so the Parquet columns analysts read, the published snapshot layout,
// and the SQL readers (govkpi query, Grafana's initSql, analysts) put over a snapshot. Metric codes are
// checked by the facts message's zod schema against the registry, not by the table: a code added to the
// registry must load into a warehouse created before it.
import { APPROX, ADMIN_LEVELS, REPORT_STATUS, RUN_KINDS, RUN_STATUS } from "./messages.ts";
import { METRICS, UNIT_LABELS, type MetricCode } from "./metrics.ts";

/** A string as an SQL literal. */
export const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/** One row per ingest run (a RunRecord), with its duration, for the ops dashboard; under a name, so a migration can rebuild it. */
const runsTable = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
    run_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN (${list(RUN_KINDS)})),
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    duration_s DOUBLE,
    status VARCHAR NOT NULL CHECK (status IN (${list(RUN_STATUS)})),
    discovered INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    not_modified INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    new INTEGER NOT NULL,
    empty_streak INTEGER NOT NULL,
    error VARCHAR
  )`;

/** The reports table's DDL under a name, so a migration can rebuild it. */
const reportsTable = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
    report_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    content_type VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    sha256 VARCHAR NOT NULL,
    landing_key VARCHAR NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    title VARCHAR,
    org_name VARCHAR,
    province VARCHAR,
    city VARCHAR,
    county VARCHAR,
    admin_level VARCHAR CHECK (admin_level IN (${list(ADMIN_LEVELS)})),
    region_code VARCHAR,
    report_year INTEGER,
    published_date DATE,
    status VARCHAR NOT NULL CHECK (status IN (${list(REPORT_STATUS)})),
    status_reason VARCHAR,
    chars INTEGER NOT NULL,
    fact_count INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL,
    ocr BOOLEAN NOT NULL DEFAULT false,
    ocr_confidence DOUBLE
  )`;

/** The facts table's DDL under a name, so a migration can rebuild it. */
const factsTable = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
    report_id VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    family VARCHAR NOT NULL,
    value DOUBLE,
    unit VARCHAR NOT NULL,
    approx VARCHAR NOT NULL CHECK (approx IN (${list(APPROX)})),
    redacted BOOLEAN NOT NULL,
    qualifier VARCHAR,
    scope VARCHAR,
    evidence VARCHAR NOT NULL,
    evidence_offset INTEGER NOT NULL,
    org_name VARCHAR,
    province VARCHAR,
    city VARCHAR,
    county VARCHAR,
    admin_level VARCHAR,
    region_code VARCHAR,
    report_year INTEGER,
    published_date DATE,
    source_url VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
  )`;

export const DDL = [
  reportsTable("reports"),
  factsTable("facts"),
  // every payload the load saw and the report it renders: the report's winner (its facts stand), other
  // renderings of it (an HTML page's PDF attachment), and duplicates (the same text from another file or URL)
  `CREATE TABLE IF NOT EXISTS renderings (
    report_id VARCHAR NOT NULL,
    text_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('winner', 'rendering', 'duplicate')),
    sha256 VARCHAR NOT NULL,
    source_url VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    content_type VARCHAR NOT NULL,
    landing_key VARCHAR NOT NULL,
    format VARCHAR,
    status VARCHAR NOT NULL,
    ocr BOOLEAN NOT NULL,
    ocr_confidence DOUBLE,
    chars INTEGER NOT NULL,
    fact_count INTEGER NOT NULL,
    org_name VARCHAR,
    report_year INTEGER,
    title VARCHAR,
    rank_tier INTEGER NOT NULL,
    rank_metadata INTEGER NOT NULL,
    fingerprint UINTEGER[] NOT NULL,
    bands VARCHAR[] NOT NULL,
    extractor_version VARCHAR NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL,
    figures DOUBLE[]
  )`,
  // the MinHash bands of every rendered text, one row each, with its year and organisation (squashed as report
  // identity compares them): a load finds the near-duplicates of its batch that identity could accept with one
  // join on this table (renderings.bands is a list, which no filter can use without unnesting every row)
  `CREATE TABLE IF NOT EXISTS rendering_bands (band BIGINT NOT NULL, text_id VARCHAR NOT NULL, org VARCHAR, report_year INTEGER)`,
  // check names are checked by the facts message's zod schema (schemas/checks.ts), like metric codes
  `CREATE TABLE IF NOT EXISTS checks (
    report_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    expected DOUBLE,
    actual DOUBLE,
    passed BOOLEAN,
    detail VARCHAR NOT NULL,
    evidence_offset INTEGER NOT NULL,
    org_name VARCHAR,
    province VARCHAR,
    city VARCHAR,
    county VARCHAR,
    admin_level VARCHAR,
    region_code VARCHAR,
    report_year INTEGER,
    published_date DATE,
    source_url VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS dead_letters (
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    source VARCHAR,
    source_url VARCHAR,
    landing_key VARCHAR,
    excerpt VARCHAR,
    failed_at TIMESTAMPTZ NOT NULL,
    id VARCHAR NOT NULL
  )`,
  runsTable("runs"),
  // the Parquet partitions a load changed since the last snapshot, written in the load's own transaction
  // (year and province_code NULL: a whole unpartitioned table)
  `CREATE TABLE IF NOT EXISTS publish_dirty (
    source VARCHAR NOT NULL,
    year INTEGER,
    province_code VARCHAR
  )`,
];

/**
 * Steps that bring a warehouse made by an earlier version up to this DDL, each run when its check finds
 * something to do (the check returns a count). Version ≤ 0.1 fixed the metric codes in a CHECK on facts,
 * so a code added to the registry later could not land.
 */
/** deadLetterId (schemas/messages.ts) in SQL, for letters recorded before they had ids. */
const DEAD_LETTER_ID_SQL = `substr(sha256(CASE WHEN landing_key IS NOT NULL THEN landing_key || chr(10) || coalesce(source_url, '')
  ELSE stage || chr(10) || reason || chr(10) || coalesce(excerpt, '') END), 1, 12)`;

export const MIGRATIONS = [
  {
    name: "reports: OCR flag and confidence",
    check: `SELECT 1 - count(*) FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'ocr'`,
    // rebuilt, not altered: DuckDB refuses to commit ADD COLUMN on a keyed table inside a transaction
    steps: [
      reportsTable("reports__migrated"),
      "INSERT INTO reports__migrated SELECT *, false, NULL FROM reports",
      "DROP TABLE reports",
      "ALTER TABLE reports__migrated RENAME TO reports",
    ],
  },
  {
    name: "facts: metric codes are checked by the registry, not a CHECK fixed at creation",
    check: `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'facts' AND constraint_type = 'CHECK' AND expression LIKE '%metric%'`,
    steps: [
      factsTable("facts__migrated"),
      "INSERT INTO facts__migrated SELECT * FROM facts",
      "DROP TABLE facts",
      "ALTER TABLE facts__migrated RENAME TO facts",
    ],
  },
  {
    name: "runs: a kind, every outcome counted, the empty-run streak; crawl state moved out to the crawler's own files",
    check: `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'runs' AND NOT EXISTS
      (SELECT 1 FROM duckdb_columns() WHERE table_name = 'runs' AND column_name = 'kind')`,
    steps: [
      runsTable("runs__migrated"),
      `INSERT INTO runs__migrated SELECT run_id, source, 'crawl', started_at, ended_at, epoch(ended_at) - epoch(started_at),
         CASE WHEN status = 'running' THEN 'interrupted' ELSE status END, 0, fetched, 0, 0, failed, new, 0, error FROM runs`,
      "DROP TABLE runs",
      "ALTER TABLE runs__migrated RENAME TO runs",
      "DROP TABLE IF EXISTS crawl_state",
    ],
  },
  {
    name: "renderings: the figures each rendering states, for identity (NULL for those loaded before)",
    check: `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'renderings' AND NOT EXISTS
      (SELECT 1 FROM duckdb_columns() WHERE table_name = 'renderings' AND column_name = 'figures')`,
    steps: ["ALTER TABLE renderings ADD COLUMN figures DOUBLE[]"],
  },
  {
    name: "rendering_bands: bands as numbers (band × 2^32 + hash), not text",
    check: "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'rendering_bands' AND column_name = 'band' AND data_type = 'VARCHAR'",
    steps: ["DROP TABLE rendering_bands", "CREATE TABLE rendering_bands (band BIGINT NOT NULL, text_id VARCHAR NOT NULL, org VARCHAR, report_year INTEGER)"],
  },
  {
    name: "rendering_bands: the band index of the renderings a warehouse already holds",
    check: "SELECT count(*) FROM renderings WHERE len(bands) > 0 AND NOT EXISTS (SELECT 1 FROM rendering_bands)",
    // [\s\p{Z}\p{P}]: what identity's squash removes (JavaScript's \s takes U+3000, RE2's does not)
    steps: [
      `INSERT INTO rendering_bands SELECT DISTINCT split_part(band, ':', 1)::BIGINT * 4294967296 + split_part(band, ':', 2)::BIGINT, text_id,
         regexp_replace(org_name, '[\\s\\p{Z}\\p{P}]', '', 'g'), report_year
       FROM (SELECT unnest(bands) AS band, text_id, org_name, report_year FROM renderings)`,
    ],
  },
  {
    name: "dead_letters: an id per letter (govkpi dlq), one letter per payload and source (the latest)",
    check: `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dead_letters' AND NOT EXISTS
      (SELECT 1 FROM duckdb_columns() WHERE table_name = 'dead_letters' AND column_name = 'id')`,
    steps: [
      "ALTER TABLE dead_letters ADD COLUMN id VARCHAR",
      `UPDATE dead_letters SET id = ${DEAD_LETTER_ID_SQL}`,
      "DELETE FROM dead_letters d WHERE EXISTS (SELECT 1 FROM dead_letters o WHERE o.id = d.id AND o.failed_at > d.failed_at)",
      "ALTER TABLE dead_letters ALTER COLUMN id SET NOT NULL",
      "INSERT INTO publish_dirty VALUES ('dead_letters', NULL, NULL)",
    ],
  },
];

/** ISO 3166-2:CN codes by the province's GB/T 2260 prefix: the ASCII name of a province's partition folder. */
const PROVINCE_ISO: Record<string, string> = {
  "11": "BJ",
  "12": "TJ",
  "13": "HE",
  "14": "SX",
  "15": "NM",
  "21": "LN",
  "22": "JL",
  "23": "HL",
  "31": "SH",
  "32": "JS",
  "33": "ZJ",
  "34": "AH",
  "35": "FJ",
  "36": "JX",
  "37": "SD",
  "41": "HA",
  "42": "HB",
  "43": "HN",
  "44": "GD",
  "45": "GX",
  "46": "HI",
  "50": "CQ",
  "51": "SC",
  "52": "GZ",
  "53": "YN",
  "54": "XZ",
  "61": "SN",
  "62": "GS",
  "63": "QH",
  "64": "NX",
  "65": "XJ",
  "71": "TW",
  "81": "HK",
  "82": "MO",
};

/** The partition of a row with no province, or one outside the table above. */
export const UNKNOWN_PROVINCE = "unknown";
/** The partition year of a row whose report year is unknown (report_year itself stays NULL in the file). */
export const UNKNOWN_YEAR = 0;

/**
 * SQL of the two partition keys of a row with `report_year` and `province` columns: never NULL, ASCII,
 * so every Parquet reader (pyarrow's dictionary partitions included) reads them, e.g. year=2023/province_code=CN-JS.
 */
export function partitionKeySql(provinceCodes: ReadonlyMap<string, string>): { year: string; province_code: string } {
  const cases = [...provinceCodes].map(([name, code]) => `WHEN ${quote(name)} THEN ${quote(code)}`).join(" ");
  return {
    year: `coalesce(report_year, ${UNKNOWN_YEAR})`,
    province_code: `CASE province ${cases} ELSE '${UNKNOWN_PROVINCE}' END`,
  };
}

/** Province full names (as the gazetteer writes them) → partition codes. */
export function provinceCodes(provinces: ReadonlyArray<{ code: string; name: string }>): Map<string, string> {
  return new Map(provinces.flatMap((p) => (PROVINCE_ISO[p.code.slice(0, 2)] ? [[p.name, `CN-${PROVINCE_ISO[p.code.slice(0, 2)]}`]] : [])));
}

export type PartitionColumn = "year" | "province_code";
/** The hive partitions of facts and reports: year=2023/province_code=CN-JS. */
const PARTITION_COLUMNS: readonly PartitionColumn[] = ["year", "province_code"];
/** The aggregates' partitions: province_code=CN-JS, so a change to one year of a province rewrites that province's aggregate. */
const PROVINCE_PARTITION: readonly PartitionColumn[] = ["province_code"];

export interface PublishedTable {
  name: string;
  select: string;
  /** the DuckDB tables it reads, directly or through derivedFrom: a change to one of them rewrites it
   * (partitioned: the changed partitions only) */
  dependsOn: string[];
  /** a published table listed before it that its select reads, from this snapshot's Parquet (the select
   * names it), instead of computing it again */
  derivedFrom?: string;
  /** hive partition columns (the select must give report_year and province for them), or null: one file */
  partitionBy: readonly PartitionColumn[] | null;
  /** the rows' order in each file, so that a filter on its leading columns skips row groups */
  orderBy?: string;
  /** rows per Parquet row group (DuckDB's default 122,880): smaller for tables read a few rows at a time */
  rowGroupSize?: number;
}

/** How a metric's figures of several organisations combine: counts and money add up, rates and day
 * counts are averaged (adding two bureaus' 30 % cut is meaningless). */
const metricAggregation = (unit: string) => (unit === "count" || unit === "yuan" ? "sum" : "mean");

/** The metric registry as a table (code, family, label, unit, unit label, label with unit, aggregation),
 * so dashboards and analysts show 中文 labels and units without a copy of the registry. */
const METRICS_SELECT = `SELECT * FROM (VALUES ${METRICS.map(
  (m) =>
    `(${[m.code, m.family, m.label, m.unit, UNIT_LABELS[m.unit], `${m.label}（${UNIT_LABELS[m.unit]}）`, metricAggregation(m.unit)].map(quote).join(", ")}, ${m.catalogue})`,
).join(", ")}) AS metrics(code, family, label, unit, unit_label, display, aggregation, catalogue)`;

/** An organisation: name and region (two bureaus of one name in two counties are two organisations). */
const ORG = "org_name, province, city, county, admin_level";

/** One row per organisation, metric (with its scope and qualifier) and year: the organisation's figure
 * (the largest when two of its reports state it), how many facts state it, the previous year's figure
 * and their ratio, and the next year it reported the metric: the latest figure within a range of years
 * is the row whose `next_year` is past the range, found by a filter instead of a window over the whole table. */
const KPI_YEARLY_SELECT = `SELECT *,
  CASE WHEN org_name IS NOT NULL AND lag(report_year) OVER w = report_year - 1 THEN lag(value) OVER w END AS previous,
  value / nullif(previous, 0) - 1 AS yoy,
  lead(report_year) OVER w AS next_year
FROM (
  SELECT ${ORG}, metric, any_value(family) AS family, scope, qualifier, report_year,
    max(value) AS value, bool_and(redacted) AS redacted, count(*) AS facts
  FROM facts WHERE report_year IS NOT NULL
  GROUP BY ${ORG}, metric, scope, qualifier, report_year
)
WINDOW w AS (PARTITION BY ${ORG}, metric, scope, qualifier ORDER BY report_year)`;

/** kpi_yearly summed per province, city, admin level, metric and year (levels are never added together):
 * what the dashboards read when no single organisation is chosen. `comparable_*` add up only the
 * organisations that reported both this year and the last, so a year-over-year change is not coverage. */
const KPI_ROLLUP_SELECT = `SELECT province, city, admin_level, metric, family, scope, qualifier, report_year,
  sum(value) AS value_sum, count(value) AS orgs,
  sum(value) FILTER (WHERE previous IS NOT NULL) AS comparable_sum,
  sum(previous) FILTER (WHERE value IS NOT NULL) AS comparable_previous
FROM kpi_yearly GROUP BY ALL`;

/** The standard disclosure tables' metrics (#10) shown side by side per organisation and year. */
export const STANDARD_TABLE_METRICS: MetricCode[] = [
  "approvals.licensing_decisions",
  "penalties.decisions",
  "disclosure.requests",
  "disputes.reconsiderations",
  "disputes.reconsiderations_corrected",
];
/** kpi_standard's column of a metric: its code with `_` for `.` (a dot in a column name trips Spark). */
export const standardColumn = (code: MetricCode) => code.replaceAll(".", "_");

/** Per organisation and year, the standard-table metrics as columns (organisation-wide figures only). */
const KPI_STANDARD_SELECT = `SELECT ${ORG}, report_year,
  ${STANDARD_TABLE_METRICS.map((c) => `max(value) FILTER (WHERE metric = '${c}') AS ${standardColumn(c)}`).join(",\n  ")}
FROM facts
WHERE metric IN (${list(STANDARD_TABLE_METRICS)}) AND scope IS NULL AND qualifier IS NULL AND report_year IS NOT NULL AND org_name IS NOT NULL
GROUP BY ALL`;

/** Data-quality flags: a figure more than ×3 or less than ⅓ of the year before, or a masked number (**件). */
const KPI_FLAGS_SELECT = `SELECT ${ORG}, metric, family, scope, qualifier, report_year, value, previous,
  CASE WHEN redacted THEN 'redacted' ELSE 'jump' END AS flag,
  CASE WHEN NOT redacted THEN greatest(value / previous, previous / value) END AS ratio
FROM kpi_yearly
WHERE redacted OR (previous > 0 AND value > 0 AND greatest(value / previous, previous / value) > 3)`;

/** Consistency checks per organisation, year and check: how many ran, failed (passed = false) and could
 * not be decided (passed NULL), with one failure's sum as an example: the data-quality panel. */
const CHECKS_BY_ORG_SELECT = `SELECT ${ORG}, report_year, name, count(*) AS checks,
  count(*) FILTER (WHERE passed = false) AS failed, count(*) FILTER (WHERE passed IS NULL) AS undecided,
  min(detail) FILTER (WHERE passed = false) AS failed_example
FROM checks GROUP BY ALL`;

/** The organisations that reported, for the dashboards' variables. */
const ORGS_SELECT = `SELECT ${ORG}, count(*) AS reports, min(report_year) AS first_year, max(report_year) AS last_year
FROM reports WHERE org_name IS NOT NULL GROUP BY ALL`;

/** Reports and facts per organisation and year: coverage when organisations are chosen. */
const ORG_YEARS_SELECT = `SELECT ${ORG}, report_year, count(*) AS reports, sum(fact_count)::BIGINT AS facts
FROM reports WHERE org_name IS NOT NULL GROUP BY ALL`;

/** Reports per source, extractor version, status, region and year: coverage, yield and freshness without reading every report. */
const REPORTS_ROLLUP_SELECT = `SELECT source, extractor_version, status, province, city, admin_level, report_year,
  count(*) AS reports, sum(fact_count)::BIGINT AS facts, max(loaded_at) AS last_loaded, max(fetched_at) AS last_fetched
FROM reports GROUP BY ALL`;

/** What each snapshot under DATA/warehouse/snapshots/<id>/ holds, as Parquet. */
export const PUBLISHED: readonly PublishedTable[] = [
  // sorted by organisation, in row groups small enough that one organisation's evidence is a few of them
  {
    name: "facts",
    select: "SELECT * FROM facts",
    orderBy: "org_name, metric, report_year",
    rowGroupSize: 8192,
    dependsOn: ["facts"],
    partitionBy: PARTITION_COLUMNS,
  },
  // the few reports waiting for OCR sit together
  {
    name: "reports",
    select: "SELECT * FROM reports",
    orderBy: "status, org_name, report_year",
    rowGroupSize: 8192,
    dependsOn: ["reports"],
    partitionBy: PARTITION_COLUMNS,
  },
  { name: "checks", select: "SELECT * FROM checks", orderBy: "org_name, name, report_year", dependsOn: ["checks"], partitionBy: PARTITION_COLUMNS },
  { name: "dead_letters", select: "SELECT * FROM dead_letters", dependsOn: ["dead_letters"], partitionBy: null },
  { name: "runs", select: "SELECT * FROM runs", dependsOn: ["runs"], partitionBy: null },
  { name: "renderings", select: "SELECT * EXCLUDE (fingerprint, bands, figures) FROM renderings", dependsOn: ["renderings"], partitionBy: null },
  // for the dashboards (and analysts): the registry, and aggregates rewritten per province a load changed
  { name: "metrics", select: METRICS_SELECT, dependsOn: [], partitionBy: null },
  { name: "orgs", select: ORGS_SELECT, orderBy: "org_name", dependsOn: ["reports"], partitionBy: PROVINCE_PARTITION },
  {
    name: "org_years",
    select: ORG_YEARS_SELECT,
    orderBy: "org_name, report_year",
    rowGroupSize: 16384,
    dependsOn: ["reports"],
    partitionBy: PROVINCE_PARTITION,
  },
  { name: "reports_rollup", select: REPORTS_ROLLUP_SELECT, orderBy: "source, report_year", dependsOn: ["reports"], partitionBy: PROVINCE_PARTITION },
  // the same rows twice, in the two orders the panels read them: by metric (one metric's figures of
  // every organisation) and by organisation (each organisation's latest figures, first ones by name)
  {
    name: "kpi_yearly",
    select: KPI_YEARLY_SELECT,
    orderBy: "metric, org_name, report_year",
    rowGroupSize: 16384,
    dependsOn: ["facts"],
    partitionBy: PROVINCE_PARTITION,
  },
  {
    name: "kpi_by_org",
    select: "SELECT * FROM kpi_yearly",
    orderBy: "org_name, metric, report_year",
    rowGroupSize: 16384,
    derivedFrom: "kpi_yearly",
    dependsOn: ["facts"],
    partitionBy: PROVINCE_PARTITION,
  },
  {
    name: "kpi_rollup",
    select: KPI_ROLLUP_SELECT,
    orderBy: "metric, report_year, city",
    derivedFrom: "kpi_yearly",
    dependsOn: ["facts"],
    partitionBy: PROVINCE_PARTITION,
  },
  {
    name: "kpi_standard",
    select: KPI_STANDARD_SELECT,
    orderBy: "org_name, report_year",
    rowGroupSize: 16384,
    dependsOn: ["facts"],
    partitionBy: PROVINCE_PARTITION,
  },
  { name: "checks_by_org", select: CHECKS_BY_ORG_SELECT, orderBy: "org_name, report_year, name", dependsOn: ["checks"], partitionBy: PROVINCE_PARTITION },
  {
    name: "kpi_flags",
    select: KPI_FLAGS_SELECT,
    orderBy: "org_name, metric, report_year",
    derivedFrom: "kpi_yearly",
    dependsOn: ["facts"],
    partitionBy: PROVINCE_PARTITION,
  },
];

/** read_parquet of a table's files, `glob` turning its pattern below the snapshot folder into an SQL string. */
const readTable = (t: PublishedTable, glob: (pattern: string) => string) =>
  t.partitionBy
    ? `read_parquet(${glob(`${t.name}/**/*.parquet`)}, hive_partitioning = true, union_by_name = true)`
    : `read_parquet(${glob(`${t.name}/*.parquet`)}, union_by_name = true)`;

/** Views over one resolved snapshot folder (never `current`, which may move during a query). */
export function readerViews(snapshotDir: string): string[] {
  const dir = snapshotDir.replace(/\/$/, "");
  return PUBLISHED.map((t) => `CREATE OR REPLACE VIEW ${t.name} AS SELECT * FROM ${readTable(t, (p) => quote(`${dir}/${p}`))}`);
}

/** The file holding the current snapshot's id: replaced by rename, the commit point of a publish. */
export const POINTER_FILE = "CURRENT";

/** SQL giving the current snapshot's id, for a Grafana dashboard variable that pins one per refresh. */
export const currentSnapshotSql = (warehouseDir: string) =>
  `SELECT trim(content, chr(10) || chr(13) || ' ') AS snapshot FROM read_text(${quote(`${warehouseDir.replace(/\/$/, "")}/${POINTER_FILE}`)})`;

/**
 * A reader's initSql (Grafana's DuckDB datasource): a table macro per table, `facts_at('<id>')`, reading
 * one snapshot whole. Macros bind nothing when created, so the initSql never fails (not even before the
 * first publish), and a panel pinned to the id from currentSnapshotSql never mixes snapshots. (A view over
 * `current` would list files when created and could find one gone if a publish switches `current` then.)
 */
export function snapshotInitSql(warehouseDir: string): string[] {
  const root = warehouseDir.replace(/\/$/, "");
  const inSnapshot = (pattern: string) => `${quote(`${root}/snapshots/`)} || snap || ${quote(`/${pattern}`)}`;
  return PUBLISHED.map((t) => `CREATE OR REPLACE MACRO ${t.name}_at(snap) AS TABLE SELECT * FROM ${readTable(t, inSnapshot)}`);
}

/** The datasource initSql's macros: snapshotInitSql's `<table>_at(snap)` and `current_snapshot()`, the
 * pointer's id ('' before the first publish), for the dashboards' hidden snapshot variable. Parquet footers
 * are cached between queries (a snapshot's files never change), so a panel does not parse them again. */
export function readerMacros(warehouseDir: string): string[] {
  return [
    "SET parquet_metadata_cache = true",
    `CREATE OR REPLACE MACRO current_snapshot() AS TABLE SELECT coalesce(max(snapshot), '') AS snapshot FROM (${currentSnapshotSql(warehouseDir)})`,
    ...snapshotInitSql(warehouseDir),
  ];
}
