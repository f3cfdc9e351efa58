// PDF attachments: pdf.js (bundled by unpdf) reads the text layer page by page; pdfLayout rebuilds the
// reading order. Pages without a usable text layer (scans, or fonts without a ToUnicode map that leave
// garbage) are OCR'd when tesseract is installed; without it a mostly scanned PDF needs OCR, which is a
// status, not an error, and a few such pages in a digital PDF are named in the report's notes.
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { ParseError } from "./errors.ts";
import { overLimit } from "./limits.ts";
import { looksOcrSpaced } from "./normalise.ts";
import { ocrPages, ocrUnavailable } from "./ocr.ts";
import { layoutPages, paragraphs, type PdfRun } from "./pdfLayout.ts";
import { type PdfTable, ruledTables, withTables } from "./pdfTables.ts";

export interface PdfText {
  text: string;
  /** why the text layer is unusable, when it is */
  needsOcr: string | null;
  /** how the layout was read (columns, tables, footnotes, OCR'd or unread pages) */
  notes: string[];
  /** set when text came from OCR: ours (with tesseract's confidence) or a text layer an OCR engine wrote */
  ocr: { confidence: number | null } | null;
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

const letters = (runs: PdfRun[]) =>
  runs
    .map((r) => r.str)
    .join("")
    .replace(/[\s\p{P}\p{S}]/gu, "");

/** Text from a font without a ToUnicode map: private-use or control codes, or Latin-1 soup where a Chinese
 * report has no Chinese. */
export function isGarbage(text: string): boolean {
  const chars = [...text.replace(/\s/g, "")];
  if (!chars.length) return false;
  const share = (re: RegExp) => chars.filter((c) => re.test(c)).length / chars.length;
  return share(/[\ue000-\uf8ff\u0000-\u001f\ufffd]/u) >= 0.3 || (share(/\p{Script=Han}/u) < 0.1 && share(/[\u0080-\u024f]/u) >= 0.3);
}

const unusable = (runs: PdfRun[]) => letters(runs).length < TEXT_PAGE_CHARS || isGarbage(runs.map((r) => r.str).join(""));

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

/** Each page's text runs, and the ruled tables among them (pdfTables.ts). */
async function textLayers(bytes: Uint8Array, maxChars: number): Promise<{ pages: PdfRun[][]; ruled: PdfTable[][] }> {
  const pdf = await open(bytes);
  try {
    const pages: PdfRun[][] = [];
    const ruled: PdfTable[][] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: PdfRun[] = (content.items as Array<TextItem | { type: string }>).flatMap((item) =>
        "str" in item
          ? [
              {
                str: item.str,
                x: item.transform[4],
                y: item.transform[5],
                width: item.width,
                size: Math.hypot(item.transform[2], item.transform[3]) || item.height,
              },
            ]
          : [],
      );
      // stop reading at the cap rather than after 2,000 pages
      chars += runs.reduce((sum, r) => sum + r.str.length, 0);
      if (chars > maxChars) throw overLimit(`text of more than ${chars} characters by page ${n} of ${pdf.numPages}`, maxChars);
      ruled.push(await ruledTables(page, runs, (await loadQuietly()) as { OPS: Record<string, number> }));
      page.cleanup();
      pages.push(runs);
    }
    return { pages, ruled };
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError(`not a readable PDF: ${(err as Error).message}`);
  } finally {
    await pdf.destroy();
  }
}

export async function pdfText(bytes: Uint8Array, { maxChars }: { maxChars: number } = DEFAULT_LIMITS): Promise<PdfText> {
  const { pages, ruled } = await textLayers(bytes, maxChars);
  const read = await readPages(
    bytes,
    pages,
    ruled,
    pages.flatMap((runs, i) => (unusable(runs) ? [i + 1] : [])),
  );
  if (read.needsOcr || read.ocr || !looksOcrSpaced(read.text)) return read;
  const why = await ocrUnavailable();
  if (why) return { ...read, notes: [...read.notes, "the text layer was written by an OCR engine"], ocr: { confidence: null } };
  // a layer another OCR engine wrote keeps that engine's misreads (a date's 11 as 了, 99% as 999%) and no confidence:
  // our own reading of the page images replaces it
  const again = await readPages(
    bytes,
    pages,
    ruled,
    pages.map((_, i) => i + 1),
  );
  return { ...again, notes: [...again.notes, "the text layer an OCR engine wrote was replaced by tesseract's reading"] };
}

/** Reads the PDF's pages, OCR'ing those given (1-based) when tesseract is installed: their runs and ruled tables are replaced. */
async function readPages(bytes: Uint8Array, pages: PdfRun[][], ruled: PdfTable[][], unread: number[]): Promise<PdfText> {
  const notes: string[] = [];
  let ocr: PdfText["ocr"] = null;
  if (unread.length) {
    const why = await ocrUnavailable();
    if (why) {
      if (unread.length * 2 > pages.length) {
        return {
          text: "",
          needsOcr: `no usable text layer on ${unread.length} of ${pages.length} pages: a scanned PDF needs OCR, and ${why}`,
          notes: [],
          ocr: null,
        };
      }
      notes.push(`${unread.length} of ${pages.length} pages without a usable text layer not read (${why})`);
    } else {
      const read = await ocrPages(bytes, unread);
      let weighted = 0;
      let chars = 0;
      for (const [n, page] of read) {
        pages[n - 1] = page.runs;
        ruled[n - 1] = [];
        const length = letters(page.runs).length;
        if (page.confidence !== null) {
          weighted += page.confidence * length;
          chars += length;
        }
      }
      notes.push(`${unread.length} of ${pages.length} pages read by OCR`);
      ocr = { confidence: chars ? Math.round((weighted / chars) * 1000) / 1000 : null };
      const stillEmpty = pages.filter(unusable).length;
      if (stillEmpty * 2 > pages.length) {
        return { text: "", needsOcr: `OCR found no text on ${stillEmpty} of ${pages.length} pages`, notes, ocr };
      }
    }
  }
  // a ruled table's runs are its cells: the layout reads the rest of the page, and the table's rows go back in
  const layout = layoutPages(
    pages.map((runs, i) => {
      const taken = new Set(ruled[i]!.flatMap((t) => [...t.runs]));
      return runs.filter((r) => !taken.has(r));
    }),
  );
  const body = layout.pages.map((lines, i) => withTables(lines, ruled[i]!));
  const tables = layout.tables + ruled.flat().length;
  if (layout.columnPages) notes.push(`columns on ${layout.columnPages} of ${pages.length} pages, read column by column`);
  if (tables) notes.push(`${tables} table block(s), read row by row`);
  if (layout.footnotes.length) notes.push(`${layout.footnotes.length} footnote line(s) set after the body`);
  const text = [...paragraphs(body.flat()), ...paragraphs(layout.footnotes)].join("\n");
  return { text, needsOcr: null, notes, ocr };
}
