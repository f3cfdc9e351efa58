// The warehouse tables (DuckDB) and so the Parquet columns analysts read. Metric codes come from the
// registry, so a fact with a code the catalogue does not know cannot land.
import { APPROX, ADMIN_LEVELS, REPORT_STATUS } from "./messages.ts";
import { METRIC_CODES } from "./metrics.ts";

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/** Columns every fact row repeats from its report, so a Parquet reader needs no join. */
export const REPORT_CONTEXT_COLUMNS = [
  "org_name", "province", "city", "county", "admin_level", "region_code", "report_year", "published_date",
] as const;

export const DDL = [
  `CREATE TABLE IF NOT EXISTS reports (
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
    loaded_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS facts (
    report_id VARCHAR NOT NULL,
    metric VARCHAR NOT NULL CHECK (metric IN (${list(METRIC_CODES)})),
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
  )`,
  `CREATE TABLE IF NOT EXISTS dead_letters (
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    source VARCHAR,
    source_url VARCHAR,
    landing_key VARCHAR,
    excerpt VARCHAR,
    failed_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    status VARCHAR NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    fetched INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    error VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS crawl_state (
    url VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,
    fetched_at TIMESTAMPTZ NOT NULL
  )`,
];

/** What is published as Parquet under DATA/warehouse/: name, SELECT, hive partition columns. */
export const PUBLISHED = [
  { name: "facts", select: "SELECT * FROM facts", partitionBy: ["report_year", "province"] },
  { name: "reports", select: "SELECT * FROM reports", partitionBy: ["report_year", "province"] },
  { name: "dead_letters", select: "SELECT * FROM dead_letters", partitionBy: [] },
  { name: "runs", select: "SELECT * FROM runs", partitionBy: [] },
] as const;

/** The views outside readers (govkpi query, Grafana, analysts) put over the Parquet snapshot. */
export function readerViews(warehouseDir: string): string[] {
  const dir = warehouseDir.replaceAll("'", "''").replace(/\/$/, "");
  return PUBLISHED.map((t) =>
    t.partitionBy.length
      ? `CREATE OR REPLACE VIEW ${t.name} AS SELECT * FROM read_parquet('${dir}/${t.name}/**/*.parquet', hive_partitioning = true, union_by_name = true)`
      : `CREATE OR REPLACE VIEW ${t.name} AS SELECT * FROM read_parquet('${dir}/${t.name}/*.parquet', union_by_name = true)`,
  );
}
