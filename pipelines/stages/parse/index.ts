// parseReport: a landed payload (bytes + content type) to clean report text and page hints.
// Plain text today; HTML, PDF and Word documents plug in here by content type.
import { cleanText, type CleanText } from "./cleanText.ts";
import { charsetFromContentType, decodeText } from "./decode.ts";
import { ParseError } from "./errors.ts";

export { ParseError } from "./errors.ts";
export type { PageHints } from "./cleanText.ts";

export interface ParsedText extends CleanText {
  status: "parsed" | "needs_ocr";
  status_reason: string | null;
}

export async function parseReport(bytes: Uint8Array, contentType: string): Promise<ParsedText> {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "text/plain") return ok(cleanText(decodeText(bytes, charsetFromContentType(contentType))));
  throw new ParseError(`unsupported content type ${type}`);
}

function ok(clean: CleanText): ParsedText {
  if (!clean.text.trim()) throw new ParseError("no report text after removing page furniture");
  return { ...clean, status: "parsed", status_reason: null };
}
