// The parse stage's runner: raw payload from the landing zone → clean text (landed too) → reports.parsed.
// The per-document work (parseLanded) runs in the document pool; the runner lands the batch's clean texts.
import { ParsedReport, RawReport, TOPICS } from "../../../schemas/messages.ts";
import { LandingZone, sha256 } from "../../landing/landingZone.ts";
import type { DocumentPool } from "../../pool/pool.ts";
import { eachInput, provenanceOf, type Stage } from "../stage.ts";
import { fingerprint } from "./fingerprint.ts";
import { parseReport } from "./index.ts";

/** A report's id: stable across formats and re-fetches, the hash of its text without whitespace. */
const reportId = (text: string) => sha256(text.normalize("NFKC").replace(/\s+/g, "")).slice(0, 24);

/** One landed payload to its reports.parsed message and the clean text it names (not landed yet). */
export async function parseLanded(landing: LandingZone, raw: RawReport, maxChars: number): Promise<{ message: ParsedReport; text: string }> {
  const parsed = await parseReport(await landing.get(raw.landing_key), raw.content_type, { maxChars });
  const message = ParsedReport.parse({
    report_id: parsed.status === "needs_ocr" ? raw.sha256.slice(0, 24) : reportId(parsed.text),
    raw,
    text_key: LandingZone.keyOf(parsed.text).key,
    chars: parsed.text.length,
    title: raw.hints.title ?? parsed.page.title,
    page_published_date: raw.hints.published_date ?? parsed.page.published_date,
    page_org: parsed.page.org,
    status: parsed.status,
    status_reason: parsed.status_reason,
    rendering: { format: parsed.format, ocr: parsed.ocr, ocr_confidence: parsed.ocr_confidence, fingerprint: fingerprint(parsed.text) },
  });
  return { message, text: parsed.text };
}

export function parseStage(landing: LandingZone, pool: DocumentPool): Stage<RawReport> {
  return {
    name: "parse",
    input: TOPICS.raw,
    schema: RawReport,
    provenance: provenanceOf,
    async process(inputs) {
      // the batch's clean texts land together (one group of fsyncs) before any message names them
      const texts: Buffer[] = [];
      const results = await eachInput(inputs, async (raw) => {
        const { message, text } = await pool.run("parse", { landingRoot: landing.root, raw, maxChars: pool.limits.maxChars });
        texts.push(Buffer.from(text, "utf8"));
        return [{ topic: TOPICS.parsed, message: { key: message.report_id, value: message } }];
      });
      await landing.putMany(texts);
      return results;
    },
  };
}
