// A PDF's text layer to report text in reading order. pdf.js gives positioned runs; this rebuilds the page:
// runs become rows by baseline; footnote marks (small raised figures) are set apart from the figures beside
// them; gutters (x-ranges no row crosses over a stretch of rows with text on both sides) split a stretch into
// columns, read one after the other, or into a table, read row by row with its cells between " | " and the
// lines inside a cell joined; footnotes at the foot of a page go after the body. Then running headers,
// page numbers and table header rows repeated on later pages go, and lines the typesetter wrapped (or a
// page break cut) are joined back into paragraphs, measured against their own column's margins.
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
  /** left and right edges of the column the line is set in (line joins measure against them); none: the page's */
  margin?: { left: number; right: number };
  /** a table row: each cell's text, left to right */
  cells?: string[];
}

interface PageLayout {
  lines: PdfLine[];
  footnotes: PdfLine[];
  /** what was found beyond one column of running text, for the report's notes */
  columns: number;
  tables: number;
}

interface Segment {
  x: number;
  right: number;
  runs: PdfRun[];
}

interface Row {
  text: string;
  y: number;
  size: number;
  runs: PdfRun[];
  segments: Segment[];
  /** starts with a footnote mark */
  marked: boolean;
}

interface Interval {
  start: number;
  end: number;
}

const median = (values: number[]) => percentile(values, 0.5);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The type size most of the page's characters are set in. */
function bodySize(runs: PdfRun[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) weight.set(Math.round(r.size * 2) / 2, (weight.get(Math.round(r.size * 2) / 2) ?? 0) + r.str.length);
  let best = 0;
  for (const [size, n] of weight) if (n > (weight.get(best) ?? 0)) best = size;
  return best;
}

/** Runs joined left to right: a space between Latin words set apart, none between Chinese characters. */
function joinRuns(runs: PdfRun[]): string {
  let text = "";
  runs.forEach((run, i) => {
    const prev = runs[i - 1];
    const gap = prev ? run.x - (prev.x + prev.width) : 0;
    if (prev && gap > 0.25 * run.size && !isCjk(text.at(-1)) && !isCjk(run.str[0])) text += " ";
    text += run.str;
  });
  return text.replace(/\s+/g, " ").trim();
}

const lineOf = (runs: PdfRun[], y: number): PdfLine => {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const last = sorted[sorted.length - 1]!;
  return { text: joinRuns(sorted), x: sorted[0]!.x, right: last.x + last.width, y, size: Math.max(...sorted.map((r) => r.size)) };
};

const MARK = /^\s*(?:\d{1,3}|[*†‡§]|[①-⑳])\s*$/;

/** Small raised figures right beside body text: footnote references (案件¹120件), not part of any figure. */
function isMark(run: PdfRun, body: PdfRun[], size: number): PdfRun | null {
  if (run.size > 0.75 * size || !MARK.test(run.str)) return null;
  return (
    body.find((b) => {
      const raised = run.y - b.y;
      if (raised < 0.12 * b.size || raised > 0.7 * b.size) return false;
      const after = run.x >= b.x + b.width - 0.5 && run.x <= b.x + b.width + 0.6 * b.size;
      const before = run.x + run.width <= b.x + 0.5 && b.x - (run.x + run.width) <= 0.6 * b.size;
      return after || before;
    }) ?? null
  );
}

function rowsOf(runs: PdfRun[], size: number): Row[] {
  const body = runs.filter((r) => r.size > 0.75 * size);
  const marks = new Map<PdfRun, PdfRun>();
  for (const run of runs) {
    if (run.size > 0.75 * size) continue;
    const beside = isMark(run, body, size);
    if (beside) marks.set(run, beside);
  }
  const rows: Array<{ y: number; size: number; runs: PdfRun[] }> = [];
  for (const run of runs.filter((r) => !marks.has(r)).sort((a, b) => b.y - a.y)) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row.y - run.y) <= 0.4 * Math.max(row.size, run.size)) {
      row.runs.push(run);
      row.size = Math.max(row.size, run.size);
    } else rows.push({ y: run.y, size: run.size, runs: [run] });
  }
  return rows.map((row) => {
    row.runs.sort((a, b) => a.x - b.x);
    const segments: Segment[] = [];
    for (const run of row.runs) {
      const seg = segments[segments.length - 1];
      if (seg && run.x - seg.right < 0.9 * row.size) {
        seg.runs.push(run);
        seg.right = Math.max(seg.right, run.x + run.width);
      } else segments.push({ x: run.x, right: run.x + run.width, runs: [run] });
    }
    const first = row.runs[0]!;
    const marked = [...marks].some(([mark, beside]) => beside === first && mark.x < first.x);
    return { ...row, text: joinRuns(row.runs), segments, marked };
  });
}

/** Lines grouped by baseline, left to right (one line per baseline, whatever the columns). */
export function linesOf(runs: PdfRun[]): PdfLine[] {
  const size = bodySize(runs);
  return rowsOf(
    runs.filter((r) => r.str.trim()),
    size,
  ).map((row) => lineOf(row.runs, row.y));
}

/** The middle of the gutter: a column's ragged or justified edge may reach into the gutter, never across its middle. */
const middle = (g: Interval) => (g.start + g.end) / 2;
const crosses = (row: Row, g: Interval) => row.segments.some((s) => s.x < middle(g) && s.right > middle(g));

/** x-ranges at most half the rows cover, wide enough to be a gutter: within such a band, the stretch where
 * coverage is near its lowest (a narrow column of figures inside the band is not gutter). */
function candidateGutters(rows: Row[], size: number): Interval[] {
  const left = Math.min(...rows.flatMap((r) => r.segments.map((s) => s.x)));
  const right = Math.max(...rows.flatMap((r) => r.segments.map((s) => s.right)));
  const width = Math.ceil(right - left);
  if (!(width > 0) || width > 20_000) return [];
  const coverage = new Int32Array(width + 1);
  const delta = new Int32Array(width + 2);
  for (const row of rows) {
    for (const s of row.segments) {
      delta[Math.max(0, Math.floor(s.x - left))]!++;
      delta[Math.min(width + 1, Math.ceil(s.right - left))]!--;
    }
  }
  for (let x = 0, c = 0; x <= width; x++) coverage[x] = c += delta[x]!;
  const out: Interval[] = [];
  const runs = (from: number, to: number, keep: (x: number) => boolean, found: (a: number, b: number) => void) => {
    let open = -1;
    for (let x = from; x <= to; x++) {
      const inside = x < to && keep(x);
      if (inside && open < 0) open = x;
      if (!inside && open >= 0) {
        found(open, x);
        open = -1;
      }
    }
  };
  runs(
    1,
    width,
    (x) => coverage[x]! <= rows.length / 2,
    (a, b) => {
      let low = Infinity;
      for (let x = a; x < b; x++) low = Math.min(low, coverage[x]!);
      const near = low + Math.max(1, 0.1 * rows.length);
      runs(
        a,
        b,
        (x) => coverage[x]! <= near,
        (c, d) => {
          if (d - c >= 0.9 * size) out.push({ start: left + c, end: left + d });
        },
      );
    },
  );
  return out;
}

/** Consecutive rows none of which crosses `g`, holding text on both sides of it side by side. */
function stretchesOf(rows: Row[], g: Interval): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  const close = (to: number) => {
    const stretch = rows.slice(from, to);
    const leftRows = stretch.filter((r) => r.segments.some((s) => s.right <= middle(g)));
    const rightRows = stretch.filter((r) => r.segments.some((s) => s.x >= middle(g)));
    if (leftRows.length >= 2 && rightRows.length >= 2) {
      const span = (rs: Row[]) => [Math.min(...rs.map((r) => r.y)), Math.max(...rs.map((r) => r.y))] as const;
      const [l0, l1] = span(leftRows);
      const [r0, r1] = span(rightRows);
      const overlap = Math.min(l1, r1) - Math.max(l0, r0);
      if (overlap >= 0.5 * Math.min(l1 - l0, r1 - r0)) out.push([from, to]);
    }
  };
  rows.forEach((row, i) => {
    if (!crosses(row, g)) return;
    close(i);
    from = i + 1;
  });
  close(rows.length);
  return out;
}

interface Region {
  from: number;
  to: number;
  gutters: Interval[];
}

/** Stretches of rows with the same gutters; rows outside any run across the page. */
function regionsOf(rows: Row[], size: number): Region[] {
  const gutters: Interval[][] = rows.map(() => []);
  for (const g of candidateGutters(rows, size)) {
    for (const [from, to] of stretchesOf(rows, g)) for (let i = from; i < to; i++) gutters[i]!.push(g);
  }
  const regions: Region[] = [];
  rows.forEach((_, i) => {
    const last = regions[regions.length - 1];
    if (last && last.to === i && sameGutters(last.gutters, gutters[i]!)) last.to = i + 1;
    else regions.push({ from: i, to: i + 1, gutters: gutters[i]! });
  });
  return regions;
}

const sameGutters = (a: Interval[], b: Interval[]) => a.length === b.length && a.every((g, i) => g === b[i]);

interface ColumnLine extends PdfLine {
  column: number;
  row: Row;
}

function columnLines(rows: Row[], gutters: Interval[]): ColumnLine[] {
  const lines: ColumnLine[] = [];
  for (const row of rows) {
    const byColumn = new Map<number, PdfRun[]>();
    for (const s of row.segments) {
      const column = gutters.filter((g) => (s.x + s.right) / 2 > middle(g)).length;
      byColumn.set(column, [...(byColumn.get(column) ?? []), ...s.runs]);
    }
    for (const [column, runs] of byColumn) lines.push({ ...lineOf(runs, row.y), column, row });
  }
  return lines;
}

/** Lines that start a block in their column: the first, or one after a gap wider than the line pitch. */
function blockStarts(lines: ColumnLine[], columns: number): number[][] {
  const pitches: number[] = [];
  const byColumn = Array.from({ length: columns }, (_, c) => lines.filter((l) => l.column === c));
  for (const col of byColumn) for (let i = 1; i < col.length; i++) pitches.push(col[i - 1]!.y - col[i]!.y);
  // the pitch of lines inside a paragraph or cell: the short end of the gaps (a column of row numbers has only long ones)
  const pitch = percentile(
    pitches.filter((p) => p > 0),
    0.1,
  );
  return byColumn.map((col) => col.filter((l, i) => i === 0 || col[i - 1]!.y - l.y > 1.35 * pitch).map((l) => l.y));
}

/** A table, not columns of running text: its cells start side by side, row after row. */
function isTable(starts: number[][], size: number): boolean {
  const counted = starts.filter((s) => s.length >= 2);
  if (counted.length < 2) return false;
  const sparsest = counted.reduce((a, b) => (b.length < a.length ? b : a));
  const others = starts.filter((s) => s !== sparsest).flat();
  const together = sparsest.filter((y) => others.some((o) => Math.abs(o - y) <= 0.5 * size)).length;
  return together >= 0.7 * sparsest.length;
}

function tableRows(lines: ColumnLine[], starts: number[][], columns: number, size: number): PdfLine[] {
  const all = starts.flat().sort((a, b) => b - a);
  // a row starts where cells of two columns start together
  const bounds = all.filter((y, i) => all.some((o, j) => j !== i && Math.abs(o - y) <= 0.5 * size));
  const tops = [...new Set([Math.max(...lines.map((l) => l.y)), ...bounds])].sort((a, b) => b - a).filter((y, i, ys) => i === 0 || ys[i - 1]! - y > 0.5 * size);
  return tops.map((top, i) => {
    const bottom = tops[i + 1] ?? -Infinity;
    const inRow = lines.filter((l) => l.y <= top + 0.5 * size && l.y > bottom + 0.5 * size);
    const cells = Array.from({ length: columns }, (_, c) => joinCellLines(inRow.filter((l) => l.column === c).map((l) => l.text)));
    return { text: cells.join(" | "), cells, x: Math.min(...inRow.map((l) => l.x)), right: Math.max(...inRow.map((l) => l.right)), y: top, size };
  });
}

const joinCellLines = (texts: string[]) => texts.reduce((acc, t) => (acc && /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(t) ? `${acc} ${t}` : acc + t), "");

function marginOf(lines: PdfLine[]): { left: number; right: number } {
  return {
    left: percentile(
      lines.map((l) => l.x),
      0.1,
    ),
    right: percentile(
      lines.map((l) => l.right),
      0.9,
    ),
  };
}

const NOTE = /^(注\s*[:：]|[①-⑳]|\[\d{1,3}\]|[*†‡])/;

/** The rows at the foot of the page after a gap, starting with a footnote mark. */
function footnoteRows(rows: Row[], size: number): number {
  if (rows.length < 4) return rows.length;
  const pitch = median(rows.slice(1).map((r, i) => rows[i]!.y - r.y));
  let top = rows.length - 1;
  while (top > 0 && rows[top - 1]!.y - rows[top]!.y <= 1.4 * pitch) top--;
  const first = rows[top]!;
  const starts = first.marked || (first.size < 0.9 * size && NOTE.test(joinRuns(first.runs)));
  return top > 0 && rows.length - top <= Math.max(2, rows.length / 4) && starts ? top : rows.length;
}

/** One page's rows to lines in reading order. Running header/footer rows go, unless they head a table:
 * a table's header row repeated on every page stays once (withoutRepeatedHeaders). */
function pageLayout(all: Row[], size: number, running: Set<Row>): PageLayout {
  const content = all.filter((r) => !running.has(r));
  const notes = new Set(content.slice(footnoteRows(content, size)));
  const rows = all.filter((r) => !notes.has(r));
  const footnotes = [...notes].map((r) => lineOf(r.runs, r.y));
  const lines: PdfLine[] = [];
  let columns = 1;
  let tables = 0;
  for (const region of regionsOf(rows, size)) {
    const stretch = rows.slice(region.from, region.to);
    if (!region.gutters.length) {
      lines.push(...stretch.filter((r) => !running.has(r)).map((r) => lineOf(r.runs, r.y)));
      continue;
    }
    const count = region.gutters.length + 1;
    const cl = columnLines(stretch, region.gutters);
    const starts = blockStarts(cl, count);
    if (isTable(starts, size)) {
      tables++;
      lines.push(...tableRows(cl, starts, count, size));
      continue;
    }
    columns = Math.max(columns, count);
    for (let c = 0; c < count; c++) {
      const col = cl.filter((l) => l.column === c && !running.has(l.row));
      const margin = marginOf(col);
      lines.push(...col.map(({ column: _, row: __, ...l }) => ({ ...l, margin })));
    }
  }
  return { lines, footnotes, columns, tables };
}

export interface DocumentLayout {
  /** each page's lines in reading order, page furniture and repeated table headers removed */
  pages: PdfLine[][];
  footnotes: PdfLine[];
  columnPages: number;
  tables: number;
}

/** Every page of a document: furniture is found across pages (running headers repeat), then each page is laid out. */
export function layoutPages(pages: PdfRun[][]): DocumentLayout {
  const rowed = pages.map((runs) => {
    const text = runs.filter((r) => r.str.trim());
    const size = bodySize(text);
    return { size, rows: rowsOf(text, size) };
  });
  const { numbers, running } = furnitureOf(rowed.map((p) => p.rows));
  const laid = rowed.map(({ rows, size }) =>
    pageLayout(
      rows.filter((r) => !numbers.has(r)),
      size,
      running,
    ),
  );
  return {
    pages: withoutRepeatedHeaders(laid.map((p) => p.lines)),
    footnotes: laid.flatMap((p) => p.footnotes),
    columnPages: laid.filter((p) => p.columns > 1).length,
    tables: laid.reduce((n, p) => n + p.tables, 0),
  };
}

const PAGE_NUMBER = [
  /^[-—–－_~·\s]*\d{1,4}[-—–－_~·\s]*$/,
  /^(共\s*\d+\s*页\s*[,，]?\s*)?第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$/,
  /^\d+\s*\/\s*\d+$/,
  /^page\s*\d+(\s*of\s*\d+)?$/i,
];

const EDGE = 2;

const edges = <T>(page: T[]) => [...page.slice(0, EDGE), ...page.slice(EDGE).slice(-EDGE)];
// same words at the same height: the report title under a header repeating it is not furniture
const runningKey = (line: { text: string; y: number }) => `${Math.round(line.y / 2)}:${line.text.replace(/\d+/g, "#").replace(/\s+/g, "")}`;

/** Page numbers, and the header/footer lines repeated at the edges of most pages (pages' lines top to bottom). */
function furnitureOf<T extends { text: string; y: number }>(pages: T[][]): { numbers: Set<T>; running: Set<T> } {
  const seen = new Map<string, number>();
  for (const page of pages) for (const key of new Set(edges(page).map(runningKey))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const numbers = new Set<T>();
  const running = new Set<T>();
  for (const page of pages) {
    for (const line of edges(page)) {
      const n = seen.get(runningKey(line)) ?? 0;
      if (PAGE_NUMBER.some((re) => re.test(line.text))) numbers.add(line);
      else if (n >= 2 && n * 2 >= pages.length) running.add(line);
    }
  }
  return { numbers, running };
}

export function withoutFurniture<T extends { text: string; y: number }>(pages: T[][]): T[][] {
  const { numbers, running } = furnitureOf(pages);
  return pages.map((page) => page.filter((line) => !numbers.has(line) && !running.has(line)));
}

/** A table's header row repeated at the top of a later page goes; its first appearance stays. */
function withoutRepeatedHeaders(pages: PdfLine[][]): PdfLine[][] {
  const headers = new Set<string>();
  return pages.map((page) => {
    const first = page.find((l) => l.cells);
    if (!first) return page;
    if (headers.has(first.text)) return page.filter((l) => l !== first);
    headers.add(first.text);
    return page;
  });
}

const TERMINAL = /[。；：！？;:!?…][”’」』）)]*$/;
const HEADING = /^(第[一二三四五六七八九十百\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|[①-⑳])/;

/** Lines in reading order to paragraphs: a line that runs to its column's right edge without ending a
 * sentence continues on the next one in the same type size, unless that one is indented, starts a heading or
 * is a table row. */
export function paragraphs(lines: PdfLine[]): string[] {
  const page = marginOf(lines.filter((l) => !l.margin && !l.cells));
  const out: string[] = [];
  let prev: PdfLine | null = null;
  for (const line of lines) {
    const prevMargin = prev?.margin ?? page;
    const margin = line.margin ?? page;
    const continues =
      prev !== null &&
      !prev.cells &&
      !line.cells &&
      Math.abs(prev.size - line.size) < 0.5 &&
      !TERMINAL.test(prev.text) &&
      prev.right >= prevMargin.right - 2 * prev.size &&
      line.x <= margin.left + 0.5 * line.size &&
      !HEADING.test(line.text);
    if (continues) {
      const space = /[A-Za-z]$/.test(out[out.length - 1]!) && /^[A-Za-z]/.test(line.text) ? " " : "";
      out[out.length - 1] += space + line.text;
    } else out.push(line.text);
    prev = line;
  }
  return out;
}
