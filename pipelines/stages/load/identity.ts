// Report identity: one report however many renderings (an HTML page and its PDF attachment, a re-typeset
// copy, the same bytes under two URLs). Two renderings are one report when their texts are near duplicates
// and their organisation, year and figures do not disagree; the best rendering's facts stand for the report.
import type { ReportFacts } from "../../../schemas/messages.ts";
import { similarity } from "../parse/fingerprint.ts";

/** What identity compares of a rendering. */
export interface RenderingKey {
  fingerprint: readonly number[];
  org_name: string | null;
  report_year: number | null;
  title: string | null;
  /** the distinct non-zero figures it states (null: not known, a rendering loaded before figures were kept) */
  figures: readonly number[] | null;
}

/** Texts this close are one report whatever the metadata says, unless organisation, year or figures disagree. */
const SAME_TEXT = 0.7;
/** Texts this close are one report when organisation, year and title all agree (a re-typeset copy with other furniture). */
const SAME_REPORT = 0.5;

/** An organisation's name as identity compares it: no spaces, no punctuation. */
export const squash = (s: string | null) => (s === null ? null : s.replace(/[\s\p{P}]/gu, ""));
const disagree = <T>(a: T | null, b: T | null) => a !== null && b !== null && a !== b;

/** Below this many figures on either side, the figures say nothing about identity (a scan, a short page). */
const FIGURES_TO_COMPARE = 3;
/** Renderings of one report state the same figures, OCR misreads aside; two bodies' reports of one template do not. */
const SAME_FIGURES = 0.5;

/** The distinct non-zero figures of a rendering's facts: zeros fill every standard table alike. */
export const figuresOf = (values: ReadonlyArray<number | null>) => [...new Set(values.filter((v): v is number => v !== null && v !== 0))].sort((x, y) => x - y);

function figuresDisagree(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (!a || !b || Math.min(a.length, b.length) < FIGURES_TO_COMPARE) return false;
  const other = new Set(b);
  const shared = a.filter((v) => other.has(v)).length;
  return shared / Math.min(a.length, b.length) < SAME_FIGURES;
}
const agree = <T>(a: T | null, b: T | null) => a !== null && a === b;

/** The similarity of two renderings when they are one report, else null. */
export function sameReport(a: RenderingKey, b: RenderingKey): number | null {
  const s = similarity(a.fingerprint, b.fingerprint);
  if (disagree(a.report_year, b.report_year) || disagree(squash(a.org_name), squash(b.org_name))) return null;
  if (figuresDisagree(a.figures, b.figures)) return null;
  if (s >= SAME_TEXT) return s;
  const all = agree(a.report_year, b.report_year) && agree(squash(a.org_name), squash(b.org_name)) && agree(squash(a.title), squash(b.title));
  return s >= SAME_REPORT && all ? s : null;
}

/** How good a rendering is, compared field by field: a higher tier wins, then more metadata, then more facts. */
export interface RenderingRank {
  /** 0 needs OCR; 1 OCR'd text or pages left unread; 2 a PDF's rebuilt layout; 3 text as its author wrote it (HTML, Word, text) */
  tier: number;
  /** report metadata fields found */
  metadata: number;
  facts: number;
}

export function rankOf(r: ReportFacts): RenderingRank {
  const tier = r.status === "needs_ocr" ? 0 : r.rendering?.ocr || /not read/.test(r.status_reason ?? "") ? 1 : r.rendering?.format === "pdf" ? 2 : 3;
  return { tier, metadata: Object.values(r.metadata).filter((v) => v !== null).length, facts: r.facts.length };
}

/** Strictly better: on a tie the rendering already standing keeps its place, so re-runs never flip. */
export function isBetter(a: RenderingRank, b: RenderingRank): boolean {
  if (a.tier !== b.tier) return a.tier > b.tier;
  if (a.metadata !== b.metadata) return a.metadata > b.metadata;
  return a.facts > b.facts;
}
