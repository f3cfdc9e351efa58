// The landing zone as a source: every report the warehouse knows, rebuilt as reports.raw messages from
// its landed original, so a newer extractor can re-process them without fetching anything again.
import { RawReport } from "../../schemas/messages.ts";
import type { Collected } from "../../pipelines/ingest.ts";
import type { Warehouse } from "../../pipelines/warehouse/warehouse.ts";

export async function landedReports(warehouse: Warehouse): Promise<Collected> {
  const rows = (
    await warehouse.conn.runAndReadAll(
      `SELECT sha256, landing_key, source, source_url, file_name, content_type, bytes, fetched_at, title
       FROM reports ORDER BY fetched_at, report_id`,
    )
  ).getRowObjectsJS();
  const raws = [];
  for (const r of rows) {
    raws.push(
      RawReport.parse({
        sha256: r.sha256,
        landing_key: r.landing_key,
        source: r.source,
        source_url: r.source_url,
        file_name: r.file_name,
        content_type: r.content_type,
        bytes: Number(r.bytes),
        fetched_at: (r.fetched_at as Date).toISOString(),
        hints: { title: r.title ?? null, published_date: null, site_host: hostOf(String(r.source_url)) },
      }),
    );
  }
  return { raws, skipped: [] };
}

const hostOf = (url: string) => (/^https?:/.test(url) ? new URL(url).host : null);
