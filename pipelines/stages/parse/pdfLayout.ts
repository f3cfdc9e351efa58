// A PDF's text layer to report text: positioned runs become lines, running headers/footers and page
// numbers go, and lines the typesetter wrapped (or a page break cut) are joined back into paragraphs.
import { isCjk } from "./cjk.ts";

/** One run of text as pdf.js positions it: baseline at (x, y), y growing upwards. */
export interface PdfRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfLine {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

export function linesOf(runs: PdfRun[]): PdfLine[] {
  const rows: PdfRun[][] = [];
  for (const run of [...runs].filter((r) => r.str.trim()).sort((a, b) => b.y - a.y)) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - run.y) <= 0.4 * Math.max(row[0]!.size, run.size)) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = "";
    row.forEach((run, i) => {
      const prev = row[i - 1];
      const gap = prev ? run.x - (prev.x + prev.width) : 0;
      if (prev && gap > 0.25 * run.size && !(isCjk(text.at(-1)) && isCjk(run.str[0]))) text += " ";
      text += run.str;
    });
    const last = row[row.length - 1]!;
    return {
      text: text.replace(/\s+/g, " ").trim(),
      x: row[0]!.x,
      y: row[0]!.y,
      right: last.x + last.width,
      size: Math.max(...row.map((r) => r.size)),
    };
  });
}

const PAGE_NUMBER = [
  /^[-—–－_~·\s]*\d{1,4}[-—–－_~·\s]*$/,
  /^(共\s*\d+\s*页\s*[,，]?\s*)?第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$/,
  /^\d+\s*\/\s*\d+$/,
  /^page\s*\d+(\s*of\s*\d+)?$/i,
];

const EDGE = 2;

const edges = (page: PdfLine[]) => [...page.slice(0, EDGE), ...page.slice(EDGE).slice(-EDGE)];
// same words at the same height: the report title under a header repeating it is not furniture
const runningKey = (line: PdfLine) => `${Math.round(line.y / 2)}:${line.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;

/** Pages without page numbers and without the header/footer lines repeated at the edges of most pages. */
export function withoutFurniture(pages: PdfLine[][]): PdfLine[][] {
  const seen = new Map<string, number>();
  for (const page of pages) for (const key of new Set(edges(page).map(runningKey))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const running = (line: PdfLine) => {
    const n = seen.get(runningKey(line)) ?? 0;
    return n >= 2 && n * 2 >= pages.length;
  };
  return pages.map((page) => {
    const edge = new Set(edges(page));
    return page.filter((line) => !(edge.has(line) && (PAGE_NUMBER.some((re) => re.test(line.text)) || running(line))));
  });
}

const TERMINAL = /[。；：！？;:!?…][”’」』）)]*$/;
const HEADING = /^(第[一二三四五六七八九十百\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|[①-⑳])/;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Lines in reading order to paragraphs: a line that runs to the right margin without ending a
 * sentence continues on the next one in the same type size, unless that one is indented or starts a heading. */
export function paragraphs(lines: PdfLine[]): string[] {
  const left = percentile(lines.map((l) => l.x), 0.1);
  const right = percentile(lines.map((l) => l.right), 0.9);
  const out: string[] = [];
  let prev: PdfLine | null = null;
  for (const line of lines) {
    const continues =
      prev !== null &&
      Math.abs(prev.size - line.size) < 0.5 &&
      !TERMINAL.test(prev.text) &&
      prev.right >= right - 2 * prev.size &&
      line.x <= left + 0.5 * line.size &&
      !HEADING.test(line.text);
    if (continues) {
      const space = /[A-Za-z]$/.test(out[out.length - 1]!) && /^[A-Za-z]/.test(line.text) ? " " : "";
      out[out.length - 1] += space + line.text;
    } else out.push(line.text);
    prev = line;
  }
  return out;
}
