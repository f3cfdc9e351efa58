// parseReport: a landed payload (bytes + content type) to clean report text and page hints. Each format
// has its reader; cleanText is the last step for all of them. Every reader's text is held to maxChars.
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { cleanText, type CleanText } from "./cleanText.ts";
import { charsetFromContentType, decodeText } from "./decode.ts";
import { docText } from "./doc.ts";
import { docxText } from "./docx.ts";
import { ParseError } from "./errors.ts";
import { type Format, formatOf } from "./format.ts";
import { htmlText } from "./html.ts";
import { overLimit, withinChars } from "./limits.ts";
import { mhtHtml, officeHtml } from "./office.ts";
import { pdfText } from "./pdf.ts";

export { ParseError } from "./errors.ts";
export type { PageHints } from "./cleanText.ts";

export interface ParsedText extends CleanText {
  /** the reader that read it, by the bytes' signature */
  format: Format;
  status: "parsed" | "needs_ocr";
  status_reason: string | null;
  /** the text (or some of it) came from OCR */
  ocr: boolean;
  /** the OCR engine's confidence, 0–1, when this run did the OCR */
  ocr_confidence: number | null;
}

const UTF8_HTML = "text/html; charset=utf-8";

export interface ParseOptions {
  /** most characters of text a document may hold, read or clean (DocumentLimits.maxChars) */
  maxChars: number;
}

export async function parseReport(bytes: Uint8Array, contentType: string, { maxChars }: ParseOptions = DEFAULT_LIMITS): Promise<ParsedText> {
  if (bytes.length === 0) throw new ParseError("empty file: nothing to parse");
  const format = formatOf(bytes, contentType);
  const bounded = (text: string) => withinChars(text, maxChars);
  /** `notes`: how the layout was read, kept as the status reason so a report read from columns or tables says so. */
  const ok = (clean: CleanText, notes: string[] = [], ocr: { confidence: number | null } | null = null): ParsedText => {
    if (!clean.text.trim()) throw new ParseError("no report text after removing page furniture");
    bounded(clean.text);
    const status_reason = notes.length ? `PDF layout: ${notes.join("; ")}` : null;
    return { ...clean, format, status: "parsed", status_reason, ocr: ocr !== null, ocr_confidence: ocr?.confidence ?? null };
  };
  switch (format) {
    case "text":
      // every text encoding takes at least one byte per character, most of them fewer than 4: refuse before decoding
      if (bytes.length > 4 * maxChars) throw overLimit(`${bytes.length} bytes of text`, maxChars);
      return ok(cleanText(bounded(decodeText(bytes, charsetFromContentType(contentType)))));
    case "html":
      return ok(htmlText(bytes, contentType));
    case "docx":
      return ok(cleanText(bounded(await docxText(bytes, { maxChars }))));
    case "doc":
      return ok(cleanText(bounded(await docText(bytes))));
    case "rtf":
    case "odt":
      return ok(htmlText(await officeHtml(bytes, format), UTF8_HTML, { document: true }));
    case "mht":
      return ok(htmlText(await mhtHtml(bytes), UTF8_HTML, { document: true }));
    case "pdf": {
      const pdf = await pdfText(bytes, { maxChars });
      if (pdf.needsOcr) {
        const page = { title: null, published_date: null, org: null };
        return { text: "", page, format, status: "needs_ocr", status_reason: pdf.needsOcr, ocr: false, ocr_confidence: null };
      }
      return ok(cleanText(pdf.text), pdf.notes, pdf.ocr);
    }
  }
}
