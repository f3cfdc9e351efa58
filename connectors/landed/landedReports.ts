// The landing zone as a source: every report the warehouse holds from an older extractor version, announced
// again with the message its connector first wrote (all its hints) from the landed original, so a newer
// extractor re-processes it without fetching anything again.
import { RawReport } from "../../schemas/messages.ts";
import type { CollectContext, Collected } from "../../pipelines/ingest.ts";
import { EXTRACTOR_VERSION } from "../../pipelines/stages/extract/index.ts";

const BATCH = 512;

export async function* landedReports({ warehouse, landing }: CollectContext): AsyncGenerator<Collected> {
  const rows = (
    await warehouse.conn.runAndReadAll(
      `SELECT sha256, landing_key, source, source_url, file_name, content_type, bytes, fetched_at, title, extractor_version
       FROM reports ORDER BY fetched_at, report_id`,
    )
  ).getRowObjectsJS();
  const outdated = rows.filter((r) => r.extractor_version !== EXTRACTOR_VERSION);
  yield { raws: [], unchanged: rows.length - outdated.length, skipped: [] };
  for (let start = 0; start < outdated.length; start += BATCH) {
    const raws: RawReport[] = [];
    for (const r of outdated.slice(start, start + BATCH)) {
      // landed by a version that kept no messages: rebuilt from the report row (the page's date is lost)
      const rebuilt = () =>
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
        });
      raws.push((await landing.message(String(r.landing_key), String(r.source_url))) ?? rebuilt());
    }
    yield { raws, skipped: [] };
  }
}

const hostOf = (url: string) => (/^https?:/.test(url) ? new URL(url).host : null);
