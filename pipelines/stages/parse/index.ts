// parseReport: a landed payload (bytes + content type) to clean report text and page hints. Each format
// has its reader; cleanText is the last step for all of them.
import { cleanText, type CleanText } from "./cleanText.ts";
import { charsetFromContentType, decodeText } from "./decode.ts";
import { docText } from "./doc.ts";
import { docxText } from "./docx.ts";
import { ParseError } from "./errors.ts";
import { formatOf } from "./format.ts";
import { htmlText } from "./html.ts";
import { pdfText } from "./pdf.ts";

export { ParseError } from "./errors.ts";
export type { PageHints } from "./cleanText.ts";

export interface ParsedText extends CleanText {
  status: "parsed" | "needs_ocr";
  status_reason: string | null;
}

export async function parseReport(bytes: Uint8Array, contentType: string): Promise<ParsedText> {
  if (bytes.length === 0) throw new ParseError("empty file: nothing to parse");
  switch (formatOf(bytes, contentType)) {
    case "text":
      return ok(cleanText(decodeText(bytes, charsetFromContentType(contentType))));
    case "html":
      return ok(htmlText(bytes, contentType));
    case "docx":
      return ok(cleanText(await docxText(bytes)));
    case "doc":
      return ok(cleanText(await docText(bytes)));
    case "pdf": {
      const pdf = await pdfText(bytes);
      if (pdf.needsOcr) {
        return { text: "", page: { title: null, published_date: null, org: null }, status: "needs_ocr", status_reason: pdf.needsOcr };
      }
      return ok(cleanText(pdf.text), pdf.notes);
    }
  }
}

/** `notes`: how the layout was read, kept as the status reason so a report read from columns or tables says so. */
function ok(clean: CleanText, notes: string[] = []): ParsedText {
  if (!clean.text.trim()) throw new ParseError("no report text after removing page furniture");
  return { ...clean, status: "parsed", status_reason: notes.length ? `PDF layout: ${notes.join("; ")}` : null };
}
