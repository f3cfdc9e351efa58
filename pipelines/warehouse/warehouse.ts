// The warehouse: DuckDB tables the pipeline writes (one writer per data dir), and the Parquet snapshots
// readers see. Each load records the partitions it changed in the same transaction, so a publish rewrites
// only those; publishing runs at the end of a run and on a timer, never per batch.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  LIST,
  TIMESTAMPTZ,
  VARCHAR,
  DuckDBDataChunk,
  DuckDBInstance,
  dateValue,
  listValue,
  timestampTZValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { DDL, MIGRATIONS, partitionKeySql, provinceCodes } from "../../schemas/warehouse.ts";
import { PROVINCES } from "../../schemas/regions.ts";
import { type DeadLetter, deadLetterId, type ReportFacts, type RunRecord } from "../../schemas/messages.ts";
import { BAND_TYPES, RENDERING_TYPES, resolveRenderings } from "./renderings.ts";
import { SnapshotPublisher, currentSnapshotId, type Change } from "./snapshots.ts";

const days = (ymd: string | null) => (ymd ? dateValue(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000) : null);
const micros = (iso: string) => timestampTZValue(BigInt(Date.parse(iso)) * 1000n);

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/** The report's columns that every fact and check row repeats after its own, so a Parquet reader needs no join. */
const CONTEXT_TYPES = [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, DATE, VARCHAR, VARCHAR];

function contextOf(r: ReportFacts): DuckDBValue[] {
  const m = r.metadata;
  return [m.org_name, m.province, m.city, m.county, m.admin_level, m.region_code, m.report_year, days(m.published_date), r.raw.source_url, r.extractor_version];
}

const FACT_TYPES = [VARCHAR, VARCHAR, VARCHAR, DOUBLE, VARCHAR, VARCHAR, BOOLEAN, VARCHAR, VARCHAR, VARCHAR, INTEGER, ...CONTEXT_TYPES];

const REPORT_TYPES = [
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  BIGINT,
  VARCHAR,
  VARCHAR,
  TIMESTAMPTZ,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  INTEGER,
  DATE,
  VARCHAR,
  VARCHAR,
  INTEGER,
  INTEGER,
  VARCHAR,
  TIMESTAMPTZ,
  BOOLEAN,
  DOUBLE,
];

function factRows(reports: ReportFacts[]): DuckDBValue[][] {
  return reports.flatMap((r) => {
    const context = contextOf(r);
    return r.facts.map((f) => [r.report_id, f.metric, f.family, f.value, f.unit, f.approx, f.redacted, f.qualifier, f.scope, f.evidence, f.offset, ...context]);
  });
}

const CHECK_TYPES = [VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, BOOLEAN, VARCHAR, INTEGER, ...CONTEXT_TYPES];

function checkRows(reports: ReportFacts[]): DuckDBValue[][] {
  return reports.flatMap((r) => {
    const context = contextOf(r);
    return r.checks.map((c) => [r.report_id, c.name, c.subject, c.expected, c.actual, c.passed, c.detail, c.offset, ...context]);
  });
}

function reportRows(reports: ReportFacts[], loadedAt: string): DuckDBValue[][] {
  return reports.map((r) => {
    const m = r.metadata;
    return [
      r.report_id,
      r.raw.source,
      r.raw.source_url,
      r.raw.file_name,
      r.raw.content_type,
      BigInt(r.raw.bytes),
      r.raw.sha256,
      r.raw.landing_key,
      micros(r.raw.fetched_at),
      r.title,
      m.org_name,
      m.province,
      m.city,
      m.county,
      m.admin_level,
      m.region_code,
      m.report_year,
      days(m.published_date),
      r.status,
      r.status_reason,
      r.chars,
      r.facts.length,
      r.extractor_version,
      micros(loadedAt),
      r.rendering?.ocr ?? false,
      r.rendering?.ocr_confidence ?? null,
    ];
  });
}

const strings = (values: string[]) => listValue(values);
const STRINGS = LIST(VARCHAR);

/** Another process (a run, serve or load worker) holds this data dir's DuckDB file. */
export class WarehouseBusyError extends Error {
  override name = "WarehouseBusyError";
}

export interface WarehouseOptions {
  /** publish on a timer after changes: at most this often, and never more than a tenth of the time (default 2 s; null: only on publish()) */
  publishIntervalMs?: number | null;
  /** how long a superseded snapshot stays for readers still on it (GOVKPI_SNAPSHOT_GRACE_SECONDS, default 900) */
  graceMs?: number;
}

const PROVINCE_CODES = provinceCodes(PROVINCES);
const KEYS = partitionKeySql(PROVINCE_CODES);
const PROVINCE_NAMES = new Map([...PROVINCE_CODES].map(([name, code]) => [code, name]));
/** The tables whose rows belong to one report, replaced with it. */
const REPORT_TABLES = ["facts", "checks", "reports"];
/** Marks the partitions of the rows in `from` changed in every report table: a report's rows share its year and province. */
const DIRTY = (from: string) =>
  `INSERT INTO publish_dirty SELECT t.source, k.year, k.province_code
   FROM (SELECT DISTINCT ${KEYS.year} AS year, ${KEYS.province_code} AS province_code FROM ${from}) k
   CROSS JOIN (SELECT unnest(${JSON.stringify(REPORT_TABLES).replace(/"/g, "'")}) AS source) t`;

export class Warehouse {
  /** Stages share one connection: writes and publishes take turns, so transactions never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly publisher: SnapshotPublisher;
  private timer: NodeJS.Timeout | null = null;
  private lastPublish = { at: 0, ms: 0 };
  private unpublished = false;
  private closed = false;

  private constructor(
    readonly dataDir: string,
    private readonly db: DuckDBInstance,
    readonly conn: DuckDBConnection,
    private readonly options: Required<WarehouseOptions>,
  ) {
    this.publisher = new SnapshotPublisher(conn, join(dataDir, "warehouse"), { keys: KEYS, provinceNames: PROVINCE_NAMES, graceMs: options.graceMs });
  }

  static async open(dataDir: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    await mkdir(join(dataDir, "warehouse"), { recursive: true });
    const path = join(dataDir, "govkpi.duckdb");
    const db = await DuckDBInstance.create(path).catch((err: Error) => {
      const holder = /Conflicting lock is held in .*?\(PID (\d+)\)/.exec(err.message)?.[1];
      if (!/Could not set lock/.test(err.message)) throw err;
      throw new WarehouseBusyError(
        `the data directory ${dataDir} is in use by another govkpi process${holder ? ` (pid ${holder})` : ""}: wait for it to finish or use another --data`,
      );
    });
    const conn = await db.connect();
    for (const sql of DDL) await conn.run(sql);
    const warehouse = new Warehouse(dataDir, db, conn, {
      publishIntervalMs: options.publishIntervalMs === undefined ? 2000 : options.publishIntervalMs,
      graceMs: options.graceMs ?? Number(process.env.GOVKPI_SNAPSHOT_GRACE_SECONDS ?? 900) * 1000,
    });
    await warehouse.migrate();
    // readers always find a snapshot, an empty one before the first load
    if (!(await currentSnapshotId(warehouse.publisher.root))) await warehouse.publish();
    return warehouse;
  }

  /** Brings a warehouse made by an earlier version up to this DDL, in one transaction. */
  private async migrate(): Promise<void> {
    for (const m of MIGRATIONS) {
      if (Number((await this.conn.runAndReadAll(m.check)).getRows()[0]![0]) === 0) continue;
      await this.transaction(async () => {
        for (const step of m.steps) await this.conn.run(step);
      });
    }
  }

  /**
   * Loads a batch of renderings: each is recorded and linked to its report (renderings.ts); the best
   * rendering of a report replaces its row and facts (by id, and, for a report known by its URL, any other
   * report from that URL: a page whose text changed), atomically. A rendering that loads clears its
   * payload's earlier dead letters.
   */
  async replaceReports(batch: ReportFacts[]): Promise<void> {
    if (!batch.length) return;
    const loadedAt = new Date().toISOString();
    const keys = strings(batch.map((r) => r.raw.landing_key));
    await this.transaction(async () => {
      const { winners, dropped, renderings, bands } = await resolveRenderings(this.conn, batch, micros(loadedAt));
      await this.append("renderings", RENDERING_TYPES, renderings);
      await this.append("rendering_bands", BAND_TYPES, bands);
      await this.markChanged("renderings");
      // one report won twice in one batch (two renderings, or a redelivery): the last one stands
      const reports = [...new Map(winners.map((r) => [r.report_id, r])).values()];
      const ids = strings([...reports.map((r) => r.report_id), ...dropped]);
      // a report known by its URL replaces the older version from that URL; one known by its content does not
      const urls = strings(reports.filter((r) => r.raw.identity === "url").map((r) => r.raw.source_url));
      await this.conn.run(
        `CREATE OR REPLACE TEMP TABLE replaced AS SELECT report_id, report_year, province FROM reports
         WHERE report_id IN (SELECT unnest($ids)) OR source_url IN (SELECT unnest($urls))`,
        { ids, urls },
        { ids: STRINGS, urls: STRINGS },
      );
      if (Number((await this.conn.runAndReadAll("SELECT count(*) FROM replaced")).getRows()[0]![0]) > 0) {
        await this.conn.run(DIRTY("replaced"));
        for (const table of REPORT_TABLES) await this.conn.run(`DELETE FROM ${table} WHERE report_id IN (SELECT report_id FROM replaced)`);
      }
      await this.append("reports", REPORT_TYPES, reportRows(reports, loadedAt));
      await this.append("facts", FACT_TYPES, factRows(reports));
      await this.append("checks", CHECK_TYPES, checkRows(reports));
      // the incoming reports' partitions, from the batch itself rather than a scan of the reports table
      await this.conn.run(
        DIRTY("(SELECT unnest($years) AS report_year, unnest($provinces) AS province)"),
        {
          years: listValue(reports.map((r) => r.metadata.report_year)),
          provinces: listValue(reports.map((r) => r.metadata.province)),
        },
        { years: LIST(INTEGER), provinces: STRINGS },
      );
      const cleared = await this.conn.run("DELETE FROM dead_letters WHERE landing_key IN (SELECT unnest($keys))", { keys }, { keys: STRINGS });
      if (cleared.rowsChanged > 0) await this.markChanged("dead_letters");
    });
    this.changed();
  }

  private async append(table: string, types: DuckDBType[], rows: DuckDBValue[][]): Promise<void> {
    if (!rows.length) return;
    const appender = await this.conn.createAppender(table);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, slice.length);
      chunk.setColumns(types.map((_, c) => slice.map((row) => row[c]!)));
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }

  private markChanged(table: string): Promise<unknown> {
    return this.conn.run(`INSERT INTO publish_dirty VALUES ('${table}', NULL, NULL)`);
  }

  /**
   * Records dead letters. A payload from one source keeps one letter, its latest failure (a replay that fails
   * otherwise replaces it); the same failure seen again (a re-run, a redelivery) keeps its first time.
   */
  async recordDeadLetters(letters: DeadLetter[]): Promise<void> {
    await this.transaction(async () => {
      for (const d of letters) {
        const id = deadLetterId(d);
        await this.conn.run("DELETE FROM dead_letters WHERE id = $id AND (stage <> $stage OR reason <> $reason)", { id, stage: d.stage, reason: d.reason });
        await this.conn.run(
          `INSERT INTO dead_letters (stage, reason, source, source_url, landing_key, excerpt, failed_at, id)
           SELECT $stage, $reason, $source, $source_url, $landing_key, $excerpt, $failed_at::TIMESTAMPTZ, $id
           WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE id = $id)`,
          { ...d, id },
        );
      }
      await this.markChanged("dead_letters");
    });
    this.changed();
  }

  /** Of these payloads from their sources, the ones with a dead letter (by its id): a re-run leaves them to `govkpi dlq replay`. */
  async deadLettered(raws: Array<Pick<DeadLetter, "landing_key" | "source_url">>): Promise<Set<string>> {
    if (!raws.length) return new Set();
    return this.exclusive(async () => {
      const reader = await this.conn.runAndReadAll(
        "SELECT id FROM dead_letters WHERE id IN (SELECT unnest($ids))",
        {
          ids: strings(raws.map(deadLetterId)),
        },
        { ids: STRINGS },
      );
      return new Set(reader.getRows().map((r) => String(r[0])));
    });
  }

  /** The dead letters with these ids (all of them when `ids` is null), oldest first. */
  async deadLetters(ids: string[] | null): Promise<Array<DeadLetter & { id: string }>> {
    return this.exclusive(async () => {
      const reader = await this.conn.runAndReadAll(
        `SELECT id, stage, reason, source, source_url, landing_key, excerpt, strftime(failed_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS failed_at
         FROM dead_letters WHERE $all OR id IN (SELECT unnest($ids)) ORDER BY failed_at, id`,
        { all: ids === null, ids: strings(ids ?? []) },
        { all: BOOLEAN, ids: STRINGS },
      );
      return reader.getRowObjectsJS() as Array<DeadLetter & { id: string }>;
    });
  }

  /** Of these payloads (sha256), the ones this extractor version already loaded: one query for the whole batch. */
  async loadedPayloads(sha256s: string[], extractorVersion: string): Promise<Set<string>> {
    if (!sha256s.length) return new Set();
    return this.exclusive(async () => {
      const reader = await this.conn.runAndReadAll(
        // a rendering that lost to a better one, or a duplicate, is loaded too: a re-run skips it
        `SELECT sha256 FROM reports WHERE extractor_version = $v AND sha256 IN (SELECT unnest($shas))
         UNION SELECT sha256 FROM renderings WHERE extractor_version = $v AND sha256 IN (SELECT unnest($shas))`,
        { v: extractorVersion, shas: strings(sha256s) },
        { v: VARCHAR, shas: STRINGS },
      );
      return new Set(reader.getRows().map((r) => String(r[0])));
    });
  }

  /** Keeps each run's latest record (a run is sent when it starts and again when it ends). */
  async recordRuns(runs: RunRecord[]): Promise<void> {
    await this.transaction(async () => {
      for (const run of runs) {
        await this.conn.run(
          `INSERT OR REPLACE INTO runs VALUES ($run_id, $source, $kind, $started_at::TIMESTAMPTZ, $ended_at::TIMESTAMPTZ,
            epoch($ended_at::TIMESTAMPTZ) - epoch($started_at::TIMESTAMPTZ), $status, $discovered, $fetched, $not_modified,
            $excluded, $failed, $new, $empty_streak, $error)`,
          { ...run },
        );
      }
      await this.markChanged("runs");
    });
    this.changed();
  }

  /** Publishes a snapshot of what changed since the last one (nothing changed: nothing written). Returns its id. */
  async publish(): Promise<string> {
    return this.exclusive(async () => {
      const started = performance.now();
      const rows = (await this.conn.runAndReadAll("SELECT DISTINCT source, year, province_code FROM publish_dirty")).getRows();
      const changes: Change[] = rows.map(([source, year, code]) => ({
        source: String(source),
        partition: year === null ? null : `year=${String(year)}/province_code=${String(code)}`,
      }));
      const id = await this.publisher.publish(changes);
      await this.conn.run("DELETE FROM publish_dirty");
      this.unpublished = false;
      this.lastPublish = { at: Date.now(), ms: performance.now() - started };
      return id;
    });
  }

  /** After a change: a publish once the interval has passed, and the last publish took at most a tenth of the time since. */
  private changed(): void {
    this.unpublished = true;
    if (this.timer || this.closed || this.options.publishIntervalMs === null) return;
    const gap = Math.max(this.options.publishIntervalMs, this.lastPublish.ms * 10);
    const wait = Math.max(0, this.lastPublish.at + gap - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publish().catch((err: Error) => console.error(`warehouse: publish failed, will retry: ${err.message}`));
    }, wait);
    this.timer.unref();
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

  /** Waits for the statements in hand, publishes what is not published yet, then closes the database. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue;
    // the changed partitions stay recorded in DuckDB: the next start's publish writes them
    if (this.unpublished) await this.publish().catch((err: Error) => console.error(`warehouse: publish at close failed: ${err.message.split("\n")[0]}`));
    this.conn.closeSync();
    this.db.closeSync();
  }
}
