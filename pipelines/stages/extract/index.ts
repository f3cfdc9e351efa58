// extractReport: clean report text (and what its page said) to report metadata and KPI facts.
import type { Fact, ReportMetadata } from "../../../schemas/messages.ts";
import type { PageHints } from "../parse/index.ts";
import { extractFacts } from "./facts.ts";
import { extractMetadata } from "./metadata.ts";

/** Bump when a rule changes: loading a report replaces facts from older extractor versions. */
export const EXTRACTOR_VERSION = "1.6.0";

export interface ExtractInput {
  text: string;
  page: PageHints;
  /** host of the site the report came from, to resolve ambiguous place names */
  site_host: string | null;
}

export interface Extraction {
  metadata: ReportMetadata;
  facts: Fact[];
}

export function extractReport(input: ExtractInput): Extraction {
  return { metadata: extractMetadata(input), facts: extractFacts(input.text) };
}
