// DOCX attachments, once the zip is known not to be a bomb: mammoth's HTML (paragraphs, and tables with their
// merged cells as rowspan/colspan), rendered like a web page's body: one paragraph a line, a table one row a
// line (tableGrid.ts).
import * as cheerio from "cheerio";
import mammoth from "mammoth";
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { ParseError } from "./errors.ts";
import { renderText } from "./htmlContent.ts";
import { overLimit } from "./limits.ts";
import { checkZipBounds, entryBytes } from "./zipBounds.ts";

/** XML around each character (runs, properties) rarely passes 64 bytes, even in a file typed with per-character formatting. */
const XML_BYTES_PER_CHAR = 64;
const MAX_RATIO = 100;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const SLASH = 0x2f;

/**
 * The characters a document.xml's text runs (<w:t>) hold, at least, and its paragraphs, read from the bytes
 * in one pass: a document whose text alone passes the cap is refused before mammoth builds objects for
 * millions of paragraphs (gigabytes). UTF-8 lead bytes count characters; an entity counts one.
 */
function documentTextChars(xml: Uint8Array): number {
  let chars = 0;
  let inText = false;
  for (let i = 0; i < xml.length; i++) {
    const b = xml[i]!;
    if (b === LT) {
      // <w:t> or <w:t …> opens a text run, </w:t> closes it; every other tag leaves the state as it is
      const close = xml[i + 1] === SLASH;
      const at = close ? i + 2 : i + 1;
      const isT = xml[at] === 0x77 && xml[at + 1] === 0x3a && xml[at + 2] === 0x74 && (xml[at + 3] === GT || xml[at + 3] === 0x20);
      const isP = !close && xml[at] === 0x77 && xml[at + 1] === 0x3a && xml[at + 2] === 0x70 && (xml[at + 3] === GT || xml[at + 3] === 0x20);
      if (isT) inText = !close;
      if (isP) chars++; // a paragraph's line break
      while (i < xml.length && xml[i] !== GT) i++;
      if (isT && xml[i - 1] === SLASH) inText = false; // <w:t/>
    } else if (inText) {
      if (b === AMP) while (i < xml.length && xml[i] !== SEMICOLON && xml[i] !== LT) i++;
      if ((b & 0xc0) !== 0x80) chars++;
    }
  }
  return chars;
}

export async function docxText(bytes: Uint8Array, { maxChars }: { maxChars: number } = DEFAULT_LIMITS): Promise<string> {
  checkZipBounds(bytes, { maxInflatedBytes: XML_BYTES_PER_CHAR * maxChars, maxRatio: MAX_RATIO });
  const xml = entryBytes(bytes, "word/document.xml");
  const chars = xml ? documentTextChars(xml) : 0;
  if (chars > maxChars) throw overLimit(`DOCX text of ~${chars} characters (counted in word/document.xml before reading it)`, maxChars);
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: true }));
  } catch (err) {
    throw new ParseError(`not a readable DOCX: ${(err as Error).message.split("\n")[0]}`);
  }
  return renderText(cheerio.load(html)("body").contents().toArray());
}
