// The per-document jobs a worker process runs: each takes plain data (landing-zone keys, not bytes) and
// returns a small result; the bytes are read, and the clean text written, by the worker itself.
import { readFile } from "node:fs/promises";
import type { ParsedReport, RawReport } from "../../schemas/messages.ts";
import { LandingZone } from "../landing/landingZone.ts";
import { extractReport } from "../stages/extract/index.ts";
import { extractParsed } from "../stages/extract/stage.ts";
import { parseReport } from "../stages/parse/index.ts";
import { parseLanded } from "../stages/parse/stage.ts";

export const JOBS = {
  parse: ({ landingRoot, raw, maxChars }: { landingRoot: string; raw: RawReport; maxChars: number }) =>
    parseLanded(new LandingZone(landingRoot), raw, maxChars),

  extract: ({ landingRoot, parsed }: { landingRoot: string; parsed: ParsedReport }) => extractParsed(new LandingZone(landingRoot), parsed),

  /** A file on disk, parsed and extracted at once (`govkpi extract`: no landing zone, no bus). */
  async file({ path, contentType, maxChars }: { path: string; contentType: string; maxChars: number }) {
    const parsed = await parseReport(await readFile(path), contentType, { maxChars });
    const { metadata, facts, checks } = extractReport({ text: parsed.text, page: parsed.page, site_host: null });
    const { title } = parsed.page;
    return {
      title,
      status: parsed.status,
      status_reason: parsed.status_reason,
      ocr: parsed.ocr,
      ocr_confidence: parsed.ocr_confidence,
      metadata,
      facts,
      checks,
    };
  },
};
