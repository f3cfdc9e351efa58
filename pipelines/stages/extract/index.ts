// extractReport: clean report text (and what its page said) to report metadata and KPI facts.
import type { Check, Fact, ReportMetadata } from "../../../schemas/messages.ts";
import type { PageHints } from "../parse/index.ts";
import { extractFacts } from "./facts.ts";
import { extractMetadata } from "./metadata.ts";
import { readTables } from "./tables/index.ts";
import { withTables } from "./tables/prose.ts";

/** Bump when a rule changes: loading a report replaces facts from older extractor versions. */
export const EXTRACTOR_VERSION = "1.9.0";

export interface ExtractInput {
  text: string;
  page: PageHints;
  /** host of the site the report came from, to resolve ambiguous place names */
  site_host: string | null;
}

export interface Extraction {
  metadata: ReportMetadata;
  facts: Fact[];
  /** the consistency checks of the report's standard tables (政府信息公开工作年度报告) */
  checks: Check[];
}

/** A government's report counts its departments' figures as its own; a department's does not count its subordinates'. */
const GOVERNMENT = /(?:人民政府|政府|管委会|管理委员会)$/;

export function extractReport(input: ExtractInput): Extraction {
  const metadata = extractMetadata(input);
  const prose = extractFacts(input.text, GOVERNMENT.test(metadata.org_name ?? ""));
  return { metadata, ...withTables(prose, readTables(input.text, prose)) };
}
