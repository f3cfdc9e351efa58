// DOCX attachments, once the zip is known not to be a bomb: mammoth's HTML (paragraphs, and tables with their
// merged cells as rowspan/colspan), rendered like a web page's body: one paragraph a line, a table one row a
// line (tableGrid.ts).
import * as cheerio from "cheerio";
import mammoth from "mammoth";
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { ParseError } from "./errors.ts";
import { renderText } from "./htmlContent.ts";
import { checkZipBounds } from "./zipBounds.ts";

/** XML around each character (runs, properties) rarely passes 64 bytes, even in a file typed with per-character formatting. */
const XML_BYTES_PER_CHAR = 64;
const MAX_RATIO = 100;

export async function docxText(bytes: Uint8Array, { maxChars }: { maxChars: number } = DEFAULT_LIMITS): Promise<string> {
  checkZipBounds(bytes, { maxInflatedBytes: XML_BYTES_PER_CHAR * maxChars, maxRatio: MAX_RATIO });
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: true }));
  } catch (err) {
    throw new ParseError(`not a readable DOCX: ${(err as Error).message.split("\n")[0]}`);
  }
  return renderText(cheerio.load(html)("body").contents().toArray());
}
