// The parse stage's runner: raw payload from the landing zone → clean text (landed too) → reports.parsed.
import { ParsedReport, RawReport, TOPICS } from "../../../schemas/messages.ts";
import { LandingZone, sha256 } from "../../landing/landingZone.ts";
import { eachInput, provenanceOf, type Stage } from "../stage.ts";
import { parseReport } from "./index.ts";

/** A report's id: stable across formats and re-fetches, the hash of its text without whitespace. */
export const reportId = (text: string) => sha256(text.normalize("NFKC").replace(/\s+/g, "")).slice(0, 24);

export function parseStage(landing: LandingZone): Stage<RawReport> {
  return {
    name: "parse",
    input: TOPICS.raw,
    schema: RawReport,
    provenance: provenanceOf,
    async process(inputs) {
      // the batch's clean texts land together (one group of fsyncs) before any message names them
      const texts: Buffer[] = [];
      const results = await eachInput(inputs, async (raw) => {
        const parsed = await parseReport(await landing.get(raw.landing_key), raw.content_type);
        const bytes = Buffer.from(parsed.text, "utf8");
        texts.push(bytes);
        const text = LandingZone.keyOf(bytes);
        const message = ParsedReport.parse({
          report_id: parsed.status === "needs_ocr" ? raw.sha256.slice(0, 24) : reportId(parsed.text),
          raw,
          text_key: text.key,
          chars: parsed.text.length,
          title: raw.hints.title ?? parsed.page.title,
          page_published_date: raw.hints.published_date ?? parsed.page.published_date,
          page_org: parsed.page.org,
          status: parsed.status,
          status_reason: parsed.status_reason,
        });
        return [{ topic: TOPICS.parsed, message: { key: message.report_id, value: message } }];
      });
      await landing.putMany(texts);
      return results;
    },
  };
}
