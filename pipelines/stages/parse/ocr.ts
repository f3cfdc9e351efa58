// OCR for PDF pages without a usable text layer: poppler's pdftoppm rasterises the page at its images'
// resolution, tesseract (Debian tesseract-ocr + tesseract-ocr-chi-sim) reads it, and its word boxes come
// back as positioned runs, so the same layout rules (columns, tables, paragraphs) read a scan as a print.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { PdfRun } from "./pdfLayout.ts";

const run = promisify(execFile);

/** A page's rasterising or reading never outlives this, even when the worker that asked is killed on its budget. */
const PAGE_TIMEOUT_MS = 120_000;

const OCR_PACKAGES = "poppler-utils, tesseract-ocr and tesseract-ocr-chi-sim";
const LANGUAGE = "chi_sim";

let available: Promise<string | null> | null = null;

/** null when OCR can run here; else why not. GOVKPI_OCR=off turns it off. */
export function ocrUnavailable(): Promise<string | null> {
  if (process.env.GOVKPI_OCR === "off") return Promise.resolve("OCR is turned off (GOVKPI_OCR=off)");
  return (available ??= (async () => {
    try {
      await run("pdftoppm", ["-v"]);
      const { stdout, stderr } = await run("tesseract", ["--list-langs"]);
      if (!`${stdout}${stderr}`.split(/\s+/).includes(LANGUAGE)) return `tesseract has no ${LANGUAGE} language data (Debian: tesseract-ocr-chi-sim)`;
      return null;
    } catch {
      return `no OCR engine installed (Debian: ${OCR_PACKAGES})`;
    }
  })());
}

export interface OcrPage {
  runs: PdfRun[];
  /** tesseract's mean word confidence, 0–1, weighted by characters */
  confidence: number | null;
}

/** Scanner resolutions: rasterising at the images' own resolution reads best; outside this range it is clamped. */
const MIN_DPI = 150;
const MAX_DPI = 300;

async function imageDpi(pdf: string, page: number): Promise<number> {
  const { stdout } = await run("pdfimages", ["-list", "-f", `${page}`, "-l", `${page}`, pdf]).catch(() => ({ stdout: "" }));
  const ppi = stdout
    .split("\n")
    .slice(2)
    .map((l) => Number(l.trim().split(/\s+/)[12]))
    .filter((n) => Number.isFinite(n) && n > 0);
  return Math.min(MAX_DPI, Math.max(MIN_DPI, ppi.length ? Math.max(...ppi) : MAX_DPI));
}

/** tesseract's TSV: a line's height is the type size of its words, its bottom their baseline (PDF points, y up). */
export function runsFromTsv(tsv: string, dpi: number, pageHeightPx: number): OcrPage {
  const toPt = 72 / dpi;
  const lines = new Map<string, { bottom: number; height: number }>();
  const runs: PdfRun[] = [];
  let weighted = 0;
  let chars = 0;
  for (const row of tsv.split("\n").slice(1)) {
    const f = row.split("\t");
    if (f.length < 12) continue;
    const [level, , block, par, line, , left, top, width, height, conf] = f.map(Number) as number[];
    const key = `${block}:${par}:${line}`;
    if (level === 4) lines.set(key, { bottom: top! + height!, height: height! });
    const text = f.slice(11).join("\t").trim();
    if (level !== 5 || !text) continue;
    const box = lines.get(key) ?? { bottom: top! + height!, height: height! };
    runs.push({ str: text, x: left! * toPt, y: (pageHeightPx - box.bottom) * toPt, width: width! * toPt, size: box.height * toPt });
    if (conf! >= 0) {
      weighted += conf! * text.length;
      chars += text.length;
    }
  }
  return { runs, confidence: chars ? weighted / chars / 100 : null };
}

/** OCRs the given pages (1-based) of a PDF. */
export async function ocrPages(bytes: Uint8Array, pages: number[]): Promise<Map<number, OcrPage>> {
  const dir = await mkdtemp(join(tmpdir(), "govkpi-ocr-"));
  try {
    const pdf = join(dir, "in.pdf");
    await writeFile(pdf, bytes);
    const out = new Map<number, OcrPage>();
    for (const page of pages) {
      const dpi = await imageDpi(pdf, page);
      const base = join(dir, `page-${page}`);
      await run("pdftoppm", ["-r", `${dpi}`, "-gray", "-png", "-singlefile", "-f", `${page}`, "-l", `${page}`, pdf, base], { timeout: PAGE_TIMEOUT_MS });
      const png = (await readdir(dir)).find((f) => f.startsWith(`page-${page}.`));
      if (!png) continue;
      // one thread per page: the worker pool already keeps both cores busy
      const { stdout } = await run("tesseract", [join(dir, png), "stdout", "-l", LANGUAGE, "tsv"], {
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
        maxBuffer: 64 * 1024 * 1024,
        timeout: PAGE_TIMEOUT_MS,
      });
      const height = Number(/^1\t\d+\t0\t0\t0\t0\t0\t0\t\d+\t(\d+)/m.exec(stdout)?.[1] ?? 0);
      out.set(page, runsFromTsv(stdout, dpi, height));
      await rm(join(dir, png), { force: true });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
