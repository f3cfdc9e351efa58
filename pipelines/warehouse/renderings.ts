// The renderings table: every payload the load saw, linked to the report it renders. Inside a load's
// transaction each incoming rendering finds its report (same text, or a near-duplicate by MinHash bands
// and identity's rules), and only the best rendering of a report reaches reports and facts.
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  INTEGER,
  LIST,
  TIMESTAMPTZ,
  UINTEGER,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { ReportFacts } from "../../schemas/messages.ts";
import { figuresOf, isBetter, rankOf, type RenderingKey, type RenderingRank, sameReport, squash } from "../stages/load/identity.ts";
import { bandKeys } from "../stages/parse/fingerprint.ts";

export interface Resolved {
  /** the reports to (re)place, under the id of the report they render */
  winners: ReportFacts[];
  /** reports whose standing rendering's page changed: removed with their facts */
  dropped: string[];
  /** new rows of `renderings` (RENDERING_TYPES) and of `rendering_bands` (BAND_TYPES), for the caller to append */
  renderings: DuckDBValue[][];
  bands: DuckDBValue[][];
}

export const RENDERING_TYPES: DuckDBType[] = [
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  BOOLEAN,
  DOUBLE,
  INTEGER,
  INTEGER,
  VARCHAR,
  INTEGER,
  VARCHAR,
  INTEGER,
  INTEGER,
  LIST(UINTEGER),
  LIST(VARCHAR),
  VARCHAR,
  TIMESTAMPTZ,
  LIST(DOUBLE),
];
export const BAND_TYPES: DuckDBType[] = [BIGINT, VARCHAR, VARCHAR, INTEGER];

/** A band key ("band:hash") as the band index stores it: a number, which a join compares far faster than text. */
const bandNumber = (key: string) => {
  const [band, hash] = key.split(":");
  return BigInt(band!) * 2n ** 32n + BigInt(hash!);
};

/** A row of `renderings` as the resolver sees it: a stored one (with its rowid) or one this batch adds. */
interface Row extends RenderingKey {
  rowid: bigint | null;
  report_id: string;
  text_id: string;
  role: string;
  /** the role it has in the table (a stored row) */
  storedRole?: string;
  sha256: string;
  source_url: string;
  rank: RenderingRank;
  /** a new row's bands (a stored row's are in the band index) */
  bands: string[];
  /** a new row's other columns */
  incoming?: ReportFacts;
}

const STRINGS = LIST(VARCHAR);

/** `$k, $k+1, …` for a list of values bound one by one: DuckDB filters a scan by such a list, where `IN (SELECT unnest(…))` joins every column. */
const placeholders = (values: unknown[], from = 1) => values.map((_, i) => `$${from + i}`).join(", ") || "NULL";

/**
 * The stored renderings a batch can touch, in three statements whatever its size: which stored texts share a
 * MinHash band with which incoming rendering (a join on the band index, prefiltered by year and organisation,
 * since a band shared by two bodies' reports of one template is no candidate identity could accept), then every
 * rendering of each report that shares a text, such a band or a URL with the batch.
 */
async function touched(conn: DuckDBConnection, batch: ReportFacts[], bands: string[][]): Promise<{ rows: Row[]; shared: Set<string> }> {
  const probe = batch.flatMap((r, i) => bands[i]!.map((band) => ({ i, band, year: r.metadata.report_year, org: squash(r.metadata.org_name) })));
  const hits = probe.length
    ? (
        await conn.runAndReadAll(
          `WITH probe AS (SELECT unnest($items) AS item, unnest($bands) AS band, unnest($years) AS report_year, unnest($orgs) AS org)
           SELECT DISTINCT p.item, b.text_id FROM rendering_bands b JOIN probe p USING (band)
           WHERE (b.report_year IS NULL OR p.report_year IS NULL OR b.report_year = p.report_year)
             AND (b.org IS NULL OR p.org IS NULL OR b.org = p.org)`,
          {
            items: listValue(probe.map((p) => p.i)),
            bands: listValue(probe.map((p) => bandNumber(p.band))),
            years: listValue(probe.map((p) => p.year)),
            orgs: listValue(probe.map((p) => p.org)),
          },
          { items: LIST(INTEGER), bands: LIST(BIGINT), years: LIST(INTEGER), orgs: STRINGS },
        )
      ).getRows()
    : [];
  const shared = new Set(hits.map(([item, text]) => `${String(item)}:${String(text)}`));
  const texts = [...new Set([...batch.map((r) => r.report_id), ...hits.map(([, text]) => String(text))])];
  const urls = [...new Set(batch.map((r) => r.raw.source_url))];
  const reportIds = (
    await conn.runAndReadAll(
      `SELECT DISTINCT report_id FROM renderings WHERE text_id IN (${placeholders(texts)}) OR source_url IN (${placeholders(urls, texts.length + 1)})`,
      [...texts, ...urls],
    )
  )
    .getRows()
    .map(([id]) => String(id));
  if (!reportIds.length) return { rows: [], shared };
  const reader = await conn.runAndReadAll(
    `SELECT rowid, report_id, text_id, role, sha256, source_url, fingerprint, org_name, report_year, title, figures, rank_tier, rank_metadata, fact_count
     FROM renderings WHERE report_id IN (${placeholders(reportIds)}) ORDER BY rowid`,
    reportIds,
  );
  const rows = reader.getRowObjectsJS().map((r) => ({
    rowid: BigInt(r.rowid as bigint),
    report_id: String(r.report_id),
    text_id: String(r.text_id),
    role: String(r.role),
    storedRole: String(r.role),
    sha256: String(r.sha256),
    source_url: String(r.source_url),
    fingerprint: ((r.fingerprint as number[] | null) ?? []).map(Number),
    org_name: (r.org_name as string | null) ?? null,
    report_year: r.report_year === null ? null : Number(r.report_year),
    title: (r.title as string | null) ?? null,
    figures: r.figures === null ? null : (r.figures as number[]).map(Number),
    bands: [],
    rank: { tier: Number(r.rank_tier), metadata: Number(r.rank_metadata), facts: Number(r.fact_count) },
  }));
  return { rows, shared };
}

function newRow(r: ReportFacts, reportId: string, role: string, bands: string[]): Row {
  return {
    rowid: null,
    report_id: reportId,
    text_id: r.report_id,
    role,
    sha256: r.raw.sha256,
    source_url: r.raw.source_url,
    fingerprint: r.rendering?.fingerprint ?? [],
    org_name: r.metadata.org_name,
    report_year: r.metadata.report_year,
    title: r.title,
    figures: figuresOf(r.facts.map((f) => f.value)),
    bands,
    rank: rankOf(r),
    incoming: r,
  };
}

function renderingValues(row: Row, loadedAt: DuckDBValue): DuckDBValue[] {
  const r = row.incoming!;
  return [
    row.report_id,
    row.text_id,
    row.role,
    r.raw.sha256,
    r.raw.source_url,
    r.raw.file_name,
    r.raw.content_type,
    r.raw.landing_key,
    r.rendering?.format ?? null,
    r.status,
    r.rendering?.ocr ?? false,
    r.rendering?.ocr_confidence ?? null,
    r.chars,
    r.facts.length,
    r.metadata.org_name,
    r.metadata.report_year,
    r.title,
    row.rank.tier,
    row.rank.metadata,
    listValue(row.fingerprint),
    listValue(row.bands),
    r.extractor_version,
    loadedAt,
    listValue(row.figures ?? []),
  ];
}

/**
 * Records each rendering and decides which ones stand for their reports. Runs inside the load's transaction:
 * one query reads what the batch can touch, the decisions are made in memory in batch order (a rendering
 * sees the ones before it in the batch), stored rows that go or change role are written back by rowid, and
 * the new rows are returned for the caller to append.
 */
export async function resolveRenderings(conn: DuckDBConnection, batch: ReportFacts[], loadedAt: DuckDBValue): Promise<Resolved> {
  const bandsOf = batch.map((r) => (r.rendering?.fingerprint.length ? bandKeys(r.rendering.fingerprint) : []));
  const found = await touched(conn, batch, bandsOf);
  let rows = found.rows;
  const stored = new Set(rows.map((r) => r.text_id));
  const removed: Row[] = [];
  const remove = (gone: (row: Row) => boolean) => {
    removed.push(...rows.filter(gone));
    rows = rows.filter((row) => !gone(row));
  };
  const winners: ReportFacts[] = [];
  const dropped: string[] = [];
  for (const [i, r] of batch.entries()) {
    // what this URL gave before: the same bytes (a reload) step aside to be decided again; for a report known by
    // its URL, other bytes mean the page changed, and the report it stood for goes (its other renderings load
    // again when next seen); for one known by its content, other bytes from the URL are another report
    for (const old of rows.filter((row) => row.source_url === r.raw.source_url)) {
      const id = old.report_id;
      if (old.sha256 !== r.raw.sha256 && r.raw.identity !== "url") continue;
      if (old.sha256 !== r.raw.sha256 && old.role === "winner") {
        dropped.push(id);
        remove((row) => row.report_id === id);
      } else remove((row) => row.report_id === id && row.source_url === r.raw.source_url);
    }
    const bands = bandsOf[i]!;
    const key = {
      fingerprint: r.rendering?.fingerprint ?? [],
      org_name: r.metadata.org_name,
      report_year: r.metadata.report_year,
      title: r.title,
      figures: figuresOf(r.facts.map((f) => f.value)),
    };
    let match: { reportId: string; similarity: number } | null = null;
    for (const k of rows) {
      const sharesBand = k.rowid === null ? k.bands.some((b) => bands.includes(b)) : found.shared.has(`${i}:${k.text_id}`);
      const s = k.text_id === r.report_id ? 1 : sharesBand ? sameReport(key, k) : null;
      if (s !== null && (!match || s > match.similarity)) match = { reportId: k.report_id, similarity: s };
    }
    if (!match) {
      rows.push(newRow(r, r.report_id, "winner", bands));
      winners.push(r);
      continue;
    }
    const reportId = match.reportId;
    const standing = rows.find((row) => row.report_id === reportId && row.role === "winner");
    if (!standing || isBetter(rankOf(r), standing.rank)) {
      if (standing) standing.role = standing.text_id === r.report_id ? "duplicate" : "rendering";
      rows.push(newRow(r, reportId, "winner", bands));
      winners.push({ ...r, report_id: reportId });
    } else rows.push(newRow(r, reportId, standing.text_id === r.report_id ? "duplicate" : "rendering", bands));
  }
  await writeBack(conn, rows, removed);
  const kept = new Set(rows.filter((row) => row.rowid !== null).map((row) => row.text_id));
  const gone = [...new Set(removed.map((row) => row.text_id))].filter((t) => !kept.has(t));
  if (gone.length) {
    await conn.run(
      "DELETE FROM rendering_bands WHERE text_id IN (SELECT unnest($gone)) AND text_id NOT IN (SELECT text_id FROM renderings)",
      {
        gone: listValue(gone),
      },
      { gone: STRINGS },
    );
  }
  const added = rows.filter((row) => row.rowid === null);
  const indexed = new Set([...stored].filter((t) => kept.has(t)));
  const bandRows: DuckDBValue[][] = [];
  for (const row of added) {
    if (indexed.has(row.text_id)) continue;
    indexed.add(row.text_id);
    for (const band of row.bands) bandRows.push([bandNumber(band), row.text_id, squash(row.org_name), row.report_year]);
  }
  return { winners, dropped, renderings: added.map((row) => renderingValues(row, loadedAt)), bands: bandRows };
}

/** Stored rows that went are deleted, stored rows whose role changed are updated: by rowid, rare after a first load. */
async function writeBack(conn: DuckDBConnection, rows: Row[], removed: Row[]): Promise<void> {
  const removedIds = removed.flatMap((row) => (row.rowid === null ? [] : [row.rowid]));
  if (removedIds.length) {
    await conn.run(`DELETE FROM renderings WHERE rowid IN (${placeholders(removedIds)})`, removedIds);
  }
  for (const row of rows) {
    if (row.rowid !== null && row.role !== row.storedRole)
      await conn.run("UPDATE renderings SET role = $role WHERE rowid = $id", { role: row.role, id: row.rowid }, { id: BIGINT });
  }
}
