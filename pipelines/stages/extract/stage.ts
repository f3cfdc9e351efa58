// The extract stage's runner: parsed report + its clean text → metadata and facts, one message per report.
import { ParsedReport, ReportFacts, TOPICS } from "../../../schemas/messages.ts";
import type { LandingZone } from "../../landing/landingZone.ts";
import { eachInput, provenanceOf, type Stage } from "../stage.ts";
import { EXTRACTOR_VERSION, extractReport } from "./index.ts";

export function extractStage(landing: LandingZone): Stage<ParsedReport> {
  return {
    name: "extract",
    input: TOPICS.parsed,
    schema: ParsedReport,
    provenance: (p) => provenanceOf(p.raw),
    process: (inputs) =>
      eachInput(inputs, async (p) => {
        const text = (await landing.get(p.text_key)).toString("utf8");
        const page = { title: p.title, published_date: p.page_published_date, org: p.page_org };
        const { metadata, facts } = extractReport({ text, page, site_host: p.raw.hints.site_host });
        const message = ReportFacts.parse({
          report_id: p.report_id,
          raw: p.raw,
          title: p.title,
          metadata,
          status: p.status === "needs_ocr" ? "needs_ocr" : "extracted",
          status_reason: p.status_reason,
          extractor_version: EXTRACTOR_VERSION,
          chars: p.chars,
          facts,
        });
        return [{ topic: TOPICS.facts, message: { key: p.report_id, value: message } }];
      }),
  };
}
