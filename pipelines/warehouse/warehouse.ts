// The warehouse: DuckDB tables the pipeline writes, and their Parquet snapshot that readers see.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  DOUBLE, INTEGER, BOOLEAN, DATE, VARCHAR, DuckDBDataChunk, DuckDBInstance, dateValue,
  type DuckDBConnection, type DuckDBValue,
} from "@duckdb/node-api";
import { DDL } from "../../schemas/warehouse.ts";
import type { DeadLetter, ReportFacts } from "../../schemas/messages.ts";
import { publishParquet } from "./publishParquet.ts";

const days = (ymd: string | null) => (ymd ? dateValue(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000) : null);

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

const FACT_TYPES = [
  VARCHAR, VARCHAR, VARCHAR, DOUBLE, VARCHAR, VARCHAR, BOOLEAN, VARCHAR, VARCHAR, VARCHAR, INTEGER,
  VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, DATE, VARCHAR, VARCHAR,
];

function factColumns(reports: ReportFacts[]): DuckDBValue[][] {
  const columns: DuckDBValue[][] = FACT_TYPES.map(() => []);
  for (const r of reports) {
    const m = r.metadata;
    for (const f of r.facts) {
      const row: DuckDBValue[] = [
        r.report_id, f.metric, f.family, f.value, f.unit, f.approx, f.redacted, f.qualifier, f.scope, f.evidence, f.offset,
        m.org_name, m.province, m.city, m.county, m.admin_level, m.region_code, m.report_year, days(m.published_date),
        r.raw.source_url, r.extractor_version,
      ];
      row.forEach((v, i) => columns[i]!.push(v));
    }
  }
  return columns;
}

export interface CrawlState {
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
}

export interface RunRecord {
  run_id: string;
  source: string;
  started_at: string;
  ended_at: string | null;
  status: "running" | "ok" | "failed";
  fetched: number;
  new: number;
  failed: number;
  error: string | null;
}

export class Warehouse {
  /** Stages share one connection: writes and publishes take turns, so transactions never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataDir: string,
    private readonly db: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(dataDir: string): Promise<Warehouse> {
    await mkdir(dataDir, { recursive: true });
    const db = await DuckDBInstance.create(join(dataDir, "govkpi.duckdb"));
    const conn = await db.connect();
    for (const sql of DDL) await conn.run(sql);
    return new Warehouse(dataDir, db, conn);
  }

  /** Replaces each report (by id, or an older version from the same source URL) and its facts, atomically. */
  async replaceReports(batch: ReportFacts[]): Promise<void> {
    // the same report twice in one batch (one text fetched from two URLs, or redelivered): the last one stands
    const reports = [...new Map(batch.map((r) => [r.report_id, r])).values()];
    if (!reports.length) return;
    await this.transaction(async () => {
      for (const r of reports) {
        const m = r.metadata;
        for (const table of ["facts", "reports"]) {
          await this.conn.run(`DELETE FROM ${table} WHERE report_id = $id OR source_url = $url`, { id: r.report_id, url: r.raw.source_url });
        }
        await this.conn.run(
          `INSERT INTO reports VALUES ($report_id, $source, $source_url, $file_name, $content_type, $bytes, $sha256, $landing_key,
            $fetched_at::TIMESTAMPTZ, $title, $org_name, $province, $city, $county, $admin_level, $region_code, $report_year,
            $published_date::DATE, $status, $status_reason, $chars, $fact_count, $extractor_version, now())`,
          {
            report_id: r.report_id, source: r.raw.source, source_url: r.raw.source_url, file_name: r.raw.file_name,
            content_type: r.raw.content_type, bytes: r.raw.bytes, sha256: r.raw.sha256, landing_key: r.raw.landing_key, fetched_at: r.raw.fetched_at,
            title: r.title, org_name: m.org_name, province: m.province, city: m.city, county: m.county,
            admin_level: m.admin_level, region_code: m.region_code, report_year: m.report_year,
            published_date: m.published_date, status: r.status, status_reason: r.status_reason, chars: r.chars,
            fact_count: r.facts.length, extractor_version: r.extractor_version,
          },
        );
      }
      const columns = factColumns(reports);
      const rows = columns[0]!.length;
      if (!rows) return;
      const appender = await this.conn.createAppender("facts");
      for (let start = 0; start < rows; start += CHUNK_ROWS) {
        const end = Math.min(rows, start + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(FACT_TYPES, end - start);
        chunk.setColumns(columns.map((c) => c.slice(start, end)));
        appender.appendDataChunk(chunk);
      }
      appender.closeSync();
    });
  }

  async recordDeadLetters(letters: DeadLetter[]): Promise<void> {
    await this.transaction(async () => {
      for (const d of letters) {
        await this.conn.run(
          // The same failure seen again on a re-run is the same dead letter: running twice changes nothing.
          `INSERT INTO dead_letters SELECT $stage, $reason, $source, $source_url, $landing_key, $excerpt, $failed_at::TIMESTAMPTZ
           WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE stage = $stage AND reason = $reason
             AND landing_key IS NOT DISTINCT FROM $landing_key AND excerpt IS NOT DISTINCT FROM $excerpt)`,
          { ...d },
        );
      }
    });
  }

  /** Whether this payload was already loaded by this extractor version (a re-run can skip it). */
  async isLoaded(sha256: string, sourceUrl: string, extractorVersion: string): Promise<boolean> {
    return this.exists("SELECT 1 FROM reports WHERE sha256 = $sha AND source_url = $url AND extractor_version = $v LIMIT 1", {
      sha: sha256, url: sourceUrl, v: extractorVersion,
    });
  }

  /** Reads take their turn too: on the shared connection a read would otherwise run inside a stage's transaction. */
  private exists(sql: string, params: Record<string, string>): Promise<boolean> {
    return this.exclusive(async () => (await this.conn.runAndReadAll(sql, params)).currentRowCount > 0);
  }

  /** What the crawler last saw at a URL, for conditional requests and change detection. */
  async crawlState(url: string): Promise<CrawlState | null> {
    return this.exclusive(async () => {
      const rows = (await this.conn.runAndReadAll("SELECT etag, last_modified, sha256 FROM crawl_state WHERE url = $url", { url })).getRowObjectsJS();
      const row = rows[0];
      return row ? { etag: row.etag as string | null, lastModified: row.last_modified as string | null, sha256: row.sha256 as string | null } : null;
    });
  }

  async saveCrawlState(url: string, state: CrawlState): Promise<void> {
    await this.transaction(async () => {
      await this.conn.run(
        `INSERT OR REPLACE INTO crawl_state VALUES ($url, $etag, $lm, $sha, now())`,
        { url, etag: state.etag, lm: state.lastModified, sha: state.sha256 },
      );
    });
  }

  /** Records a connector run (insert at its start, replace at its end), for the ops dashboard. */
  async saveRun(run: RunRecord): Promise<void> {
    await this.transaction(async () => {
      await this.conn.run(
        `INSERT OR REPLACE INTO runs VALUES ($run_id, $source, $started_at::TIMESTAMPTZ, $ended_at::TIMESTAMPTZ, $status, $fetched, $new, $failed, $error)`,
        { ...run },
      );
    });
  }

  async publish(): Promise<void> {
    await this.exclusive(() => publishParquet(this.conn, join(this.dataDir, "warehouse")));
  }

  async transaction(body: () => Promise<void>): Promise<void> {
    await this.exclusive(async () => {
      await this.conn.run("BEGIN TRANSACTION");
      try {
        await body();
        await this.conn.run("COMMIT");
      } catch (err) {
        await this.conn.run("ROLLBACK");
        throw err;
      }
    });
  }

  private exclusive<T>(body: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(body, body);
    this.queue = turn.catch(() => {});
    return turn;
  }

  close(): void {
    this.conn.closeSync();
    this.db.closeSync();
  }
}
