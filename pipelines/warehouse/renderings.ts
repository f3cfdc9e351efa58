// The renderings table: every payload the load saw, linked to the report it renders. Inside a load's
// transaction each incoming rendering finds its report (same text, or a near-duplicate by MinHash bands
// and identity's rules), and only the best rendering of a report reaches reports and facts.
import { BOOLEAN, DOUBLE, INTEGER, LIST, UINTEGER, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";
import type { ReportFacts } from "../../schemas/messages.ts";
import { isBetter, rankOf, type RenderingKey, type RenderingRank, sameReport } from "../stages/load/identity.ts";
import { bandKeys } from "../stages/parse/fingerprint.ts";

export interface Resolved {
  /** the reports to (re)place, under the id of the report they render */
  winners: ReportFacts[];
  /** reports whose standing rendering's page changed: removed with their facts */
  dropped: string[];
}

interface Known extends RenderingKey {
  report_id: string;
  text_id: string;
}

const rowsOf = async (conn: DuckDBConnection, sql: string, params: Record<string, unknown>, types?: Record<string, unknown>) =>
  (await conn.runAndReadAll(sql, params as never, types as never)).getRowObjectsJS();

async function known(conn: DuckDBConnection, textId: string, bands: string[]): Promise<Known[]> {
  const rows = await rowsOf(
    conn,
    "SELECT report_id, text_id, fingerprint, org_name, report_year, title FROM renderings WHERE text_id = $id OR list_has_any(bands, $bands)",
    { id: textId, bands: listValue(bands) },
    { id: VARCHAR, bands: LIST(VARCHAR) },
  );
  return rows.map((r) => ({
    report_id: String(r.report_id),
    text_id: String(r.text_id),
    fingerprint: ((r.fingerprint as number[] | null) ?? []).map(Number),
    org_name: (r.org_name as string | null) ?? null,
    report_year: r.report_year === null ? null : Number(r.report_year),
    title: (r.title as string | null) ?? null,
  }));
}

async function insert(conn: DuckDBConnection, r: ReportFacts, reportId: string, role: string, bands: string[], loadedAt: string) {
  const rank = rankOf(r);
  await conn.run(
    `INSERT INTO renderings VALUES ($report_id, $text_id, $role, $sha256, $source_url, $file_name, $content_type, $landing_key,
      $format, $status, $ocr, $ocr_confidence, $chars, $fact_count, $org_name, $report_year, $title, $rank_tier, $rank_metadata,
      $fingerprint, $bands, $extractor_version, $loaded_at::TIMESTAMPTZ)`,
    {
      report_id: reportId, text_id: r.report_id, role, sha256: r.raw.sha256, source_url: r.raw.source_url, file_name: r.raw.file_name,
      content_type: r.raw.content_type, landing_key: r.raw.landing_key, format: r.rendering?.format ?? null, status: r.status,
      ocr: r.rendering?.ocr ?? false, ocr_confidence: r.rendering?.ocr_confidence ?? null, chars: r.chars, fact_count: r.facts.length,
      org_name: r.metadata.org_name, report_year: r.metadata.report_year, title: r.title, rank_tier: rank.tier, rank_metadata: rank.metadata,
      fingerprint: listValue(r.rendering?.fingerprint ?? []), bands: listValue(bands), extractor_version: r.extractor_version, loaded_at: loadedAt,
    } as never,
    {
      format: VARCHAR, ocr: BOOLEAN, ocr_confidence: DOUBLE, report_year: INTEGER, org_name: VARCHAR, title: VARCHAR,
      fingerprint: LIST(UINTEGER), bands: LIST(VARCHAR),
    } as never,
  );
}

/** Records each rendering and decides which ones stand for their reports. Runs inside the load's transaction. */
export async function resolveRenderings(conn: DuckDBConnection, batch: ReportFacts[], loadedAt: string): Promise<Resolved> {
  const winners: ReportFacts[] = [];
  const dropped: string[] = [];
  for (const r of batch) {
    // what this URL gave before: the same bytes (a reload) step aside to be decided again; for a report known by
    // its URL, other bytes mean the page changed, and the report it stood for goes (its other renderings load
    // again when next seen); for one known by its content, other bytes from the URL are another report
    for (const old of await rowsOf(conn, "SELECT report_id, role, sha256 FROM renderings WHERE source_url = $url", { url: r.raw.source_url })) {
      const id = String(old.report_id);
      if (old.sha256 !== r.raw.sha256 && r.raw.identity !== "url") continue;
      if (old.sha256 !== r.raw.sha256 && old.role === "winner") {
        dropped.push(id);
        await conn.run("DELETE FROM renderings WHERE report_id = $id", { id });
      } else await conn.run("DELETE FROM renderings WHERE report_id = $id AND source_url = $url", { id, url: r.raw.source_url });
    }
    const fingerprint = r.rendering?.fingerprint ?? [];
    const bands = fingerprint.length ? bandKeys(fingerprint) : [];
    const key = { fingerprint, org_name: r.metadata.org_name, report_year: r.metadata.report_year, title: r.title };
    let match: { reportId: string; similarity: number } | null = null;
    for (const k of await known(conn, r.report_id, bands)) {
      const s = k.text_id === r.report_id ? 1 : sameReport(key, k);
      if (s !== null && (!match || s > match.similarity)) match = { reportId: k.report_id, similarity: s };
    }
    if (!match) {
      await insert(conn, r, r.report_id, "winner", bands, loadedAt);
      winners.push(r);
      continue;
    }
    const standing = await winnerOf(conn, match.reportId);
    if (!standing || isBetter(rankOf(r), standing.rank)) {
      if (standing) {
        await conn.run("UPDATE renderings SET role = CASE WHEN text_id = $tid THEN 'duplicate' ELSE 'rendering' END WHERE report_id = $id AND role = 'winner'", {
          id: match.reportId, tid: r.report_id,
        });
      }
      await insert(conn, r, match.reportId, "winner", bands, loadedAt);
      winners.push({ ...r, report_id: match.reportId });
    } else await insert(conn, r, match.reportId, standing.text_id === r.report_id ? "duplicate" : "rendering", bands, loadedAt);
  }
  return { winners, dropped };
}

async function winnerOf(conn: DuckDBConnection, reportId: string): Promise<{ text_id: string; rank: RenderingRank } | null> {
  const [row] = await rowsOf(conn, "SELECT text_id, rank_tier, rank_metadata, fact_count FROM renderings WHERE report_id = $id AND role = 'winner'", { id: reportId });
  if (!row) return null;
  return { text_id: String(row.text_id), rank: { tier: Number(row.rank_tier), metadata: Number(row.rank_metadata), facts: Number(row.fact_count) } };
}
