// What a POST /reports carries, checked before anything is landed: a report as raw bytes with its content
// type (hints in X-Source-URL, X-Title, X-Published-Date), or JSON {url, title, text, published_date}.
// A report is what it says, not where it says it is from: two different texts posted with one URL are two
// reports. Provenance URLs are http(s) only; a date must be a real calendar date. Pure: bytes and headers
// in, a payload or a client error out.
import { z } from "zod";
import { SUPPORTED_EXTENSIONS, contentTypeFor } from "../../pipelines/stages/parse/contentType.ts";
import type { Payload } from "../publishRaw.ts";
import { sha256 } from "../../pipelines/landing/landingZone.ts";

const isCalendarDate = (ymd: string) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
};

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:$/i.test(new URL(u).protocol), "only http(s) URLs name where a report came from");
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine(isCalendarDate, "is not a calendar date");

const JsonReport = z
  .object({
    url: httpUrl.optional(),
    title: z.string().max(500).optional(),
    text: z.string().min(1, "text is empty"),
    published_date: calendarDate.optional(),
  })
  .strict();

export class RequestError extends Error {
  constructor(
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
  }
}

const RAW_TYPES = new Set(SUPPORTED_EXTENSIONS.map((e) => contentTypeFor(`report${e}`)!));

export interface RequestHeaders {
  "content-type"?: string;
  "x-source-url"?: string;
  "x-title"?: string;
  "x-published-date"?: string;
}

function header<T>(name: string, value: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RequestError(400, `${name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/** X-Title may carry any text percent-encoded (HTTP header values are bytes, not UTF-8). */
function decodedTitle(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value).slice(0, 500);
  } catch {
    throw new RequestError(400, "X-Title: not valid percent-encoded UTF-8");
  }
}

export function reportPayload(body: Buffer, headers: RequestHeaders, client: string): Payload {
  const type = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const site = (url: string | undefined) => (url ? new URL(url).host : null);
  if (type === "application/json") {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch (err) {
      throw new RequestError(400, `body is not JSON: ${(err as Error).message}`);
    }
    const parsed = JsonReport.safeParse(json);
    if (!parsed.success) {
      throw new RequestError(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    }
    const r = parsed.data;
    const text = Buffer.from(r.title ? `${r.title}\n${r.text}` : r.text, "utf8");
    return {
      bytes: text,
      source: client,
      source_url: r.url ?? `webhook:${sha256(text)}`,
      file_name: "report.txt",
      content_type: "text/plain; charset=utf-8",
      identity: "content",
      hints: { title: r.title ?? null, published_date: r.published_date ?? null, site_host: site(r.url) },
    };
  }
  if (!RAW_TYPES.has(type)) throw new RequestError(415, `unsupported content type ${type || "(none)"}: send ${[...RAW_TYPES].join(", ")} or application/json`);
  if (!body.length) throw new RequestError(400, "empty body");
  const url = header("X-Source-URL", headers["x-source-url"], httpUrl);
  return {
    bytes: body,
    source: client,
    source_url: url ?? `webhook:${sha256(body)}`,
    file_name: `report${SUPPORTED_EXTENSIONS.find((e) => contentTypeFor(`report${e}`) === type) ?? ""}`,
    content_type: headers["content-type"]!,
    identity: "content",
    hints: {
      title: decodedTitle(headers["x-title"]) ?? null,
      published_date: header("X-Published-Date", headers["x-published-date"], calendarDate) ?? null,
      site_host: site(url),
    },
  };
}
