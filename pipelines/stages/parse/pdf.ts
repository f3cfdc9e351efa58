// PDF attachments: pdf.js (bundled by unpdf) reads the text layer page by page; pdfLayout rebuilds the
// paragraphs. A PDF whose pages carry (almost) no text is a scan: it needs OCR, which is not an error.
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { ParseError } from "./errors.ts";
import { overLimit } from "./limits.ts";
import { layoutPages, paragraphs, type PdfRun } from "./pdfLayout.ts";

export interface PdfText {
  text: string;
  /** why the text layer is unusable, when it is */
  needsOcr: string | null;
  /** how the layout was read, when it was more than one column of running text */
  notes: string[];
}

/** The part of pdf.js's TextItem read here: unpdf's bundled types do not resolve under NodeNext. */
interface TextItem {
  str: string;
  transform: [number, number, number, number, number, number];
  width: number;
  height: number;
}

/** a page with fewer characters than this carries a stamp, a page number or a watermark, not a report */
const TEXT_PAGE_CHARS = 30;

// pdf.js prints a warning on stdout as it loads in Node, and stdout carries `govkpi extract`'s JSONL
let loaded: Promise<unknown> | null = null;
function loadQuietly(): Promise<unknown> {
  return (loaded ??= (async () => {
    const log = console.log;
    console.log = () => {};
    try {
      return await getResolvedPDFJS();
    } finally {
      console.log = log;
    }
  })());
}

async function open(bytes: Uint8Array) {
  // a cut download still "opens" (pdf.js rebuilds the xref) but silently loses its last pages
  if (!Buffer.from(bytes.subarray(-2048)).includes("%%EOF")) throw new ParseError("truncated PDF: no %%EOF at the end of the file");
  await loadQuietly();
  try {
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    const e = err as Error;
    if (e.name === "PasswordException") throw new ParseError("encrypted PDF: it needs a password to open");
    throw new ParseError(`not a readable PDF: ${e.message}`);
  }
}

export async function pdfText(bytes: Uint8Array, { maxChars }: { maxChars: number } = DEFAULT_LIMITS): Promise<PdfText> {
  const pdf = await open(bytes);
  try {
    const pages: PdfRun[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      const runs: PdfRun[] = (content.items as Array<TextItem | { type: string }>).flatMap((item) =>
        "str" in item
          ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, size: Math.hypot(item.transform[2], item.transform[3]) || item.height }]
          : [],
      );
      pages.push(runs);
      // stop reading at the cap rather than after 2,000 pages
      chars += runs.reduce((sum, r) => sum + r.str.length, 0);
      if (chars > maxChars) throw overLimit(`text of more than ${chars} characters by page ${n} of ${pdf.numPages}`, maxChars);
    }
    const { pages: body, footnotes, columnPages, tables } = layoutPages(pages);
    const textPages = body.filter((page) => page.map((l) => l.text).join("").replace(/[\s\p{P}\p{S}]/gu, "").length >= TEXT_PAGE_CHARS).length;
    if (textPages * 2 < pages.length) {
      return { text: "", needsOcr: `no text layer on ${pages.length - textPages} of ${pages.length} pages: a scanned PDF needs OCR`, notes: [] };
    }
    const notes = [
      ...(columnPages ? [`columns on ${columnPages} of ${pages.length} pages, read column by column`] : []),
      ...(tables ? [`${tables} table block(s), read row by row`] : []),
      ...(footnotes.length ? [`${footnotes.length} footnote line(s) set after the body`] : []),
    ];
    return { text: [...paragraphs(body.flat()), ...paragraphs(footnotes)].join("\n"), needsOcr: null, notes };
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError(`not a readable PDF: ${(err as Error).message}`);
  } finally {
    await pdf.destroy();
  }
}
