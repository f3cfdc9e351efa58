// The extract stage's runner: parsed report + its clean text → metadata and facts, one message per report.
// The per-document work (extractParsed) runs in the document pool; the runner only hands it out.
import { ParsedReport, ReportFacts, TOPICS } from "../../../schemas/messages.ts";
import type { LandingZone } from "../../landing/landingZone.ts";
import type { DocumentPool } from "../../pool/pool.ts";
import { eachInput, provenanceOf, type Stage } from "../stage.ts";
import { EXTRACTOR_VERSION, extractReport } from "./index.ts";

/** One parsed report to its facts message, reading its clean text from the landing zone. */
export async function extractParsed(landing: LandingZone, p: ParsedReport): Promise<ReportFacts> {
  const text = (await landing.get(p.text_key)).toString("utf8");
  const page = { title: p.title, published_date: p.page_published_date, org: p.page_org };
  const { metadata, facts, checks } = extractReport({ text, page, site_host: p.raw.hints.site_host });
  return ReportFacts.parse({
    report_id: p.report_id,
    raw: p.raw,
    title: p.title,
    metadata,
    status: p.status === "needs_ocr" ? "needs_ocr" : "extracted",
    status_reason: p.status_reason,
    rendering: p.rendering,
    extractor_version: EXTRACTOR_VERSION,
    chars: p.chars,
    facts,
    checks,
  });
}

export function extractStage(landing: LandingZone, pool: DocumentPool): Stage<ParsedReport> {
  return {
    name: "extract",
    input: TOPICS.parsed,
    schema: ParsedReport,
    provenance: (p) => provenanceOf(p.raw),
    process: (inputs) =>
      eachInput(inputs, async (parsed) => {
        const message = await pool.run("extract", { landingRoot: landing.root, parsed });
        return [{ topic: TOPICS.facts, message: { key: message.report_id, value: message } }];
      }),
  };
}
