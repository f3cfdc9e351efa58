// Contracts of the bus: every message a stage reads or writes is validated against one of these.
import { createHash } from "node:crypto";
import { z } from "zod";
import { CHECK_NAMES } from "./checks.ts";
import { FAMILIES, METRIC_CODES, UNITS } from "./metrics.ts";

export const TOPICS = {
  raw: "reports.raw",
  parsed: "reports.parsed",
  facts: "facts",
  dlq: "reports.dlq",
  runs: "runs",
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in lower-case hex");
const isoTime = z.string().datetime({ offset: true });
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** Page metadata a connector saw beside the payload (crawler: title and 发布时间 of the article page). */
export const SourceHints = z
  .object({
    title: z.string().nullable().default(null),
    published_date: ymd.nullable().default(null),
    /** the site the report came from, used to resolve ambiguous place names */
    site_host: z.string().nullable().default(null),
    /** the page that led to this payload: the wrapper article of an attachment, or the list page of an article */
    referrer: z.string().nullable().default(null),
    /** the text of the link the payload was found by (a list entry's title, an attachment's name) */
    link_text: z.string().nullable().default(null),
  })
  .strict();
export type SourceHints = z.infer<typeof SourceHints>;

/** reports.raw: a payload safe in the landing zone. The message carries its key, never its bytes. */
export const RawReport = z
  .object({
    sha256: sha256Hex,
    landing_key: z.string().min(1),
    source: z.string().min(1),
    source_url: z.string().min(1),
    file_name: z.string().min(1),
    content_type: z.string().min(1),
    bytes: z.number().int().nonnegative(),
    fetched_at: isoTime,
    hints: SourceHints.default({ title: null, published_date: null, site_host: null, referrer: null, link_text: null }),
    /** What makes a later payload the same report: `url` (a new version of a page replaces the one from its
     * URL) or `content` (webhook posts: two different texts from one URL are two reports). */
    identity: z.enum(["url", "content"]).default("url"),
  })
  .strict();
export type RawReport = z.infer<typeof RawReport>;

const PARSE_STATUS = ["parsed", "needs_ocr"] as const;

/** The document formats the parse stage reads (rtf, odt, mht through LibreOffice). */
export const DOCUMENT_FORMATS = ["text", "html", "pdf", "docx", "doc", "rtf", "odt", "mht"] as const;

/** What the load stage needs to tell renderings of one report apart and pick the best (report identity). */
const Rendering = z
  .object({
    format: z.enum(DOCUMENT_FORMATS),
    /** the text (or some of it) came from OCR */
    ocr: z.boolean(),
    /** the OCR engine's confidence, 0–1, when the parse stage ran it */
    ocr_confidence: z.number().min(0).max(1).nullable(),
    /** MinHash signature of the normalised text: renderings of one report share most values */
    fingerprint: z.array(z.number().int().min(0).max(0xffffffff)).max(256),
  })
  .strict();

/** reports.parsed: clean text (itself in the landing zone, by key) and what the page said about itself. */
export const ParsedReport = z
  .object({
    report_id: z.string().regex(/^[0-9a-f]{24}$/),
    raw: RawReport,
    text_key: z.string().min(1),
    chars: z.number().int().nonnegative(),
    title: z.string().nullable(),
    /** 发布时间 printed on the page, if any */
    page_published_date: ymd.nullable(),
    /** organisation the page names as its source or copyright holder */
    page_org: z.string().nullable(),
    status: z.enum(PARSE_STATUS),
    status_reason: z.string().nullable(),
    /** absent in messages from versions before report identity */
    rendering: Rendering.optional(),
  })
  .strict();
export type ParsedReport = z.infer<typeof ParsedReport>;

export const ADMIN_LEVELS = ["province", "prefecture", "county"] as const;

export const ReportMetadata = z
  .object({
    org_name: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    county: z.string().nullable(),
    admin_level: z.enum(ADMIN_LEVELS).nullable(),
    region_code: z
      .string()
      .regex(/^\d{6}$/)
      .nullable(),
    report_year: z.number().int().min(1990).max(2100).nullable(),
    published_date: ymd.nullable(),
  })
  .strict();
export type ReportMetadata = z.infer<typeof ReportMetadata>;

export const APPROX = ["exact", "approx", "at_least", "at_most"] as const;
export type Approx = (typeof APPROX)[number];

/** One KPI figure read from one clause: the catalogue's fields plus where it came from. */
export const Fact = z
  .object({
    metric: z.enum(METRIC_CODES),
    family: z.enum(FAMILIES),
    unit: z.enum(UNITS),
    value: z.number().finite().nullable(),
    approx: z.enum(APPROX),
    redacted: z.boolean(),
    qualifier: z.string().nullable(),
    scope: z.string().nullable(),
    evidence: z.string().min(1).max(200),
    /** character offset of the evidence in the clean text */
    offset: z.number().int().nonnegative(),
  })
  .strict()
  .refine((f) => (f.value === null) === f.redacted, { message: "value is null exactly when redacted is true" });
export type Fact = z.infer<typeof Fact>;

/** A consistency check on a report's tables (a template sum) or on a prose figure against its table cell. */
export const Check = z
  .object({
    name: z.enum(CHECK_NAMES),
    /** the row, column, group or metric it is about, as the report labels it */
    subject: z.string().min(1),
    /** the total the template prints (a sum's right side), or the table cell's value */
    expected: z.number().finite().nullable(),
    /** what the parts add up to, or the prose figure; null (both) when the cells could not all be read */
    actual: z.number().finite().nullable(),
    /** null: the cells could not be read, and no reading provably breaks the sum */
    passed: z.boolean().nullable(),
    /** the sum with its values (80 + 1 + 0 + 0 + 0 + 0 = 81), or the prose clause */
    detail: z.string().max(200),
    /** character offset in the clean text of the row or clause it is about */
    offset: z.number().int().nonnegative(),
  })
  .strict();
export type Check = z.infer<typeof Check>;

export const REPORT_STATUS = ["extracted", "needs_ocr"] as const;

/** facts: everything the load stage needs to replace one report in the warehouse, in one message. */
export const ReportFacts = z
  .object({
    report_id: z.string().regex(/^[0-9a-f]{24}$/),
    raw: RawReport,
    title: z.string().nullable(),
    metadata: ReportMetadata,
    status: z.enum(REPORT_STATUS),
    status_reason: z.string().nullable(),
    rendering: Rendering.optional(),
    extractor_version: z.string().min(1),
    chars: z.number().int().nonnegative(),
    facts: z.array(Fact),
    checks: z.array(Check).default([]),
  })
  .strict();
export type ReportFacts = z.infer<typeof ReportFacts>;

/** reports.dlq: anything a stage could not handle, with the reason, so nothing vanishes. */
export const DeadLetter = z
  .object({
    stage: z.string().min(1),
    reason: z.string().min(1),
    source: z.string().nullable(),
    source_url: z.string().nullable(),
    landing_key: z.string().nullable(),
    /** the start of the offending message, for messages that failed validation */
    excerpt: z.string().max(2000).nullable(),
    failed_at: isoTime,
  })
  .strict();
export type DeadLetter = z.infer<typeof DeadLetter>;

/**
 * A dead letter's id (12 hex). A payload from one source has one dead letter, its latest failure, so its id
 * is the payload's and the source's; a message that never was a payload (failed validation) is known by
 * what failed and how. `govkpi dlq` shows and replays letters by this id.
 */
export function deadLetterId(letter: Pick<DeadLetter, "landing_key" | "source_url"> & Partial<Pick<DeadLetter, "stage" | "reason" | "excerpt">>): string {
  const identity =
    letter.landing_key !== null
      ? `${letter.landing_key}\n${letter.source_url ?? ""}`
      : `${letter.stage ?? ""}\n${letter.reason ?? ""}\n${letter.excerpt ?? ""}`;
  return createHash("sha256").update(identity).digest("hex").slice(0, 12);
}

export const RUN_KINDS = ["crawl", "folder", "webhook", "reprocess"] as const;
/** running; ok: something new landed; unchanged: nothing new, nothing failed; partial: some URLs failed;
 * failed: the source could not be read at all; interrupted: the process ended before the run did. */
export const RUN_STATUS = ["running", "ok", "unchanged", "partial", "failed", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUS)[number];

/** runs: one ingest run of one source (a crawl, a folder import, a batch of webhook posts), sent when it
 * starts and again when it ends; the load stage keeps the latest by run_id. */
export const RunRecord = z
  .object({
    run_id: z.string().min(1),
    /** the source's identity: the sources.yaml id, folder:NAME, or the webhook client */
    source: z.string().min(1),
    kind: z.enum(RUN_KINDS),
    started_at: isoTime,
    ended_at: isoTime.nullable(),
    status: z.enum(RUN_STATUS),
    /** report links found (list pages, sitemaps), files in a folder, posts received */
    discovered: z.number().int().nonnegative(),
    /** pages and files received in full */
    fetched: z.number().int().nonnegative(),
    /** 304, or the same content as last time */
    not_modified: z.number().int().nonnegative(),
    /** not fetched on purpose: robots.txt, a host outside allow_hosts, not a report, gone */
    excluded: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** payloads landed and announced as new or changed */
    new: z.number().int().nonnegative(),
    /** runs in a row, this one included, that found no report link at all (a redesigned column shows up so) */
    empty_streak: z.number().int().nonnegative(),
    /** every failure reason of the run with its count, most frequent first */
    error: z.string().nullable(),
  })
  .strict();
export type RunRecord = z.infer<typeof RunRecord>;
