// What a POST /reports carries, checked before anything is landed: a report as raw bytes with its content
// type, or JSON {url, title, text}. Pure: bytes and headers in, a payload or a client error out.
import { z } from "zod";
import { SUPPORTED_EXTENSIONS, contentTypeFor } from "../../pipelines/stages/parse/contentType.ts";
import type { Payload } from "../publishRaw.ts";
import { sha256 } from "../../pipelines/landing/landingZone.ts";

export const JsonReport = z
  .object({
    url: z.string().url().optional(),
    title: z.string().max(500).optional(),
    text: z.string().min(1, "text is empty"),
    published_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "published_date must be YYYY-MM-DD").optional(),
  })
  .strict();

export class RequestError extends Error {
  constructor(readonly status: 400 | 415, message: string) {
    super(message);
  }
}

const RAW_TYPES = new Set(SUPPORTED_EXTENSIONS.map((e) => contentTypeFor(`report${e}`)!));

export function reportPayload(body: Buffer, contentType: string, sourceUrl: string | undefined): Payload {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
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
      source: "webhook",
      source_url: r.url ?? `webhook:${sha256(text)}`,
      file_name: "report.txt",
      content_type: "text/plain; charset=utf-8",
      hints: { title: r.title ?? null, published_date: r.published_date ?? null, site_host: r.url ? new URL(r.url).host : null },
    };
  }
  if (!RAW_TYPES.has(type)) throw new RequestError(415, `unsupported content type ${type || "(none)"}: send ${[...RAW_TYPES].join(", ")} or application/json`);
  if (!body.length) throw new RequestError(400, "empty body");
  return {
    bytes: body,
    source: "webhook",
    source_url: sourceUrl ?? `webhook:${sha256(body)}`,
    file_name: `report${SUPPORTED_EXTENSIONS.find((e) => contentTypeFor(`report${e}`) === type) ?? ""}`,
    content_type: contentType,
    hints: { site_host: sourceUrl && /^https?:/.test(sourceUrl) ? new URL(sourceUrl).host : null },
  };
}
