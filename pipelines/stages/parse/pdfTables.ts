// Ruled tables in a PDF page: the borders a word processor draws (stroked lines, thin filled rectangles)
// give the grid, a border missing inside it gives a spanned cell, and the text runs inside each cell give
// its text. A table becomes grid lines like an HTML table's (tableGrid.ts): one row a line, cells between
// " | ", spans repeated. Where the borders are drawn this is exact, as the text's alignment alone is not
// (pdfLayout.ts): a cell whose label wraps over three lines, centred beside one line of numbers, and a row
// label spanning twenty rows leave no gutter to find.
import { linesOf, type PdfLine, type PdfRun } from "./pdfLayout.ts";
import { CELL_SEPARATOR } from "./tableGrid.ts";

interface Segment {
  /** horizontal: y1 === y2; vertical: x1 === x2; x1 ≤ x2, y1 ≤ y2 */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;

/** The pdf.js operator codes read here (pdf.js `OPS`), and its path codes inside constructPath (`DrawOPS`). */
interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  endPath: number;
  fills: Set<number>;
}
const PATH = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 };
const COORDS = [2, 2, 6, 0];

/** a filled rectangle thinner than this is a drawn line */
const LINE_WIDTH = 2.5;
/** coordinates this close are one line (a double border, a border drawn per cell) */
const TOL = 2;

/** Axis-aligned line segments a page draws, in page space. */
function segmentsOf(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: Ops): Segment[] {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const push = (x1: number, y1: number, x2: number, y2: number) => {
    const [ax, ay] = apply(ctm, x1, y1);
    const [bx, by] = apply(ctm, x2, y2);
    if (Math.abs(ax - bx) < 0.5 || Math.abs(ay - by) < 0.5) {
      out.push({ x1: Math.min(ax, bx), y1: Math.min(ay, by), x2: Math.max(ax, bx), y2: Math.max(ay, by) });
    }
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath && args && args[0] !== ops.endPath) {
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (data) pathSegments(data, ops.fills.has(args[0] as number), push);
    }
  }
  return out;
}

function pathSegments(data: ArrayLike<number>, filled: boolean, push: (x1: number, y1: number, x2: number, y2: number) => void): void {
  const subpaths: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i]!;
    const n = COORDS[op] ?? 0;
    if (op === PATH.moveTo) {
      if (current.length) subpaths.push(current);
      current = [data[i + 1]!, data[i + 2]!];
    } else if (op === PATH.lineTo) current.push(data[i + 1]!, data[i + 2]!);
    else if (op === PATH.curveTo) current.push(data[i + 5]!, data[i + 6]!);
    else if (op === PATH.closePath && current.length >= 2) current.push(current[0]!, current[1]!);
    i += 1 + n;
  }
  if (current.length) subpaths.push(current);
  for (const p of subpaths) {
    const xs = p.filter((_, k) => k % 2 === 0);
    const ys = p.filter((_, k) => k % 2 === 1);
    const [w, h] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    if (filled) {
      // a thin filled box is a line along its length; other fills are shading, not borders
      if (h <= LINE_WIDTH && w > LINE_WIDTH)
        push(Math.min(...xs), (Math.min(...ys) + Math.max(...ys)) / 2, Math.max(...xs), (Math.min(...ys) + Math.max(...ys)) / 2);
      else if (w <= LINE_WIDTH && h > LINE_WIDTH)
        push((Math.min(...xs) + Math.max(...xs)) / 2, Math.min(...ys), (Math.min(...xs) + Math.max(...xs)) / 2, Math.max(...ys));
      continue;
    }
    for (let k = 0; k + 3 < p.length; k += 2) push(p[k]!, p[k + 1]!, p[k + 2]!, p[k + 3]!);
  }
}

interface Line {
  at: number;
  from: number;
  to: number;
}

/** Lines at one coordinate (within TOL) that touch or overlap are one line. */
function mergeLines(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Line[] = [];
  for (const l of sorted) {
    const same = out.find((o) => Math.abs(o.at - l.at) <= TOL && l.from <= o.to + TOL && l.to >= o.from - TOL);
    if (same) {
      same.from = Math.min(same.from, l.from);
      same.to = Math.max(same.to, l.to);
    } else out.push({ ...l });
  }
  return out;
}

function clusters(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1]! > TOL) out.push(v);
  return out;
}

const covers = (lines: Line[], at: number, point: number) => lines.some((l) => Math.abs(l.at - at) <= TOL && l.from - TOL <= point && point <= l.to + TOL);

export interface PdfTable {
  lines: PdfLine[];
  runs: Set<PdfRun>;
}

/** Only a page with a few numbers standing alone (cells) may hold a table: the others skip the drawing operators. */
const looksTabular = (runs: PdfRun[]) => runs.filter((r) => /^\s*-?\d[\d.,]*\s*$/.test(r.str)).length >= 3;

interface PageWithOperators {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
}

let ops: Ops | null = null;

/** The ruled tables of a pdf.js page whose text runs are `runs`; `pdfjs` gives the operator codes. */
export async function ruledTables(page: PageWithOperators, runs: PdfRun[], pdfjs: { OPS: Record<string, number> }): Promise<PdfTable[]> {
  if (!looksTabular(runs)) return [];
  const { OPS } = pdfjs;
  ops ??= {
    save: OPS.save!,
    restore: OPS.restore!,
    transform: OPS.transform!,
    constructPath: OPS.constructPath!,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin!,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd!,
    endPath: OPS.endPath!,
    fills: new Set([OPS.fill!, OPS.eoFill!, OPS.fillStroke!, OPS.eoFillStroke!, OPS.closeFillStroke!, OPS.closeEOFillStroke!]),
  };
  const { fnArray, argsArray } = await page.getOperatorList();
  return tablesOf(runs, segmentsOf(fnArray, argsArray, ops));
}

/** Rows of a ruled table placed among a page's other lines (in reading order) by height: before the first line
 * below the table's top. */
export function withTables(lines: PdfLine[], tables: PdfTable[]): PdfLine[] {
  const out = [...lines];
  for (const table of tables) {
    const top = table.lines[0]?.y ?? 0;
    const at = out.findIndex((l) => l.y < top && !l.cells);
    out.splice(at < 0 ? out.length : at, 0, ...table.lines);
  }
  return out;
}

/** The ruled tables of a page, with the runs they hold. */
function tablesOf(runs: PdfRun[], segments: Segment[]): PdfTable[] {
  const horizontal = mergeLines(segments.filter((s) => s.y1 === s.y2 || s.y2 - s.y1 < 0.5).map((s) => ({ at: s.y1, from: s.x1, to: s.x2 })));
  const vertical = mergeLines(segments.filter((s) => s.x2 - s.x1 < 0.5 && s.y2 - s.y1 >= 0.5).map((s) => ({ at: s.x1, from: s.y1, to: s.y2 })));
  return components(horizontal, vertical).flatMap(({ h, v }) => {
    const table = gridTable(h, v, runs);
    return table ? [table] : [];
  });
}

/** Groups of horizontal and vertical lines that cross or touch each other: one table each. */
function components(h: Line[], v: Line[]): Array<{ h: Line[]; v: Line[] }> {
  const parent = [...h, ...v].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const [i, a] of h.entries()) {
    for (const [j, b] of v.entries()) {
      if (b.at >= a.from - TOL && b.at <= a.to + TOL && a.at >= b.from - TOL && a.at <= b.to + TOL) parent[find(i)] = find(h.length + j);
    }
  }
  const groups = new Map<number, { h: Line[]; v: Line[] }>();
  [...h, ...v].forEach((line, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    (i < h.length ? g.h : g.v).push(line);
    groups.set(find(i), g);
  });
  return [...groups.values()];
}

function gridTable(h: Line[], v: Line[], runs: PdfRun[]): PdfTable | null {
  const ys = clusters(h.map((l) => l.at)).reverse();
  const xs = clusters(v.map((l) => l.at));
  const [rows, cols] = [ys.length - 1, xs.length - 1];
  if (rows < 2 || cols < 2) return null;
  // cells joined where the border between them is missing
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [ymid, xmid] = [(ys[r]! + ys[r + 1]!) / 2, (xs[c]! + xs[c + 1]!) / 2];
      if (c + 1 < cols && !covers(v, xs[c + 1]!, ymid)) parent[find(r * cols + c + 1)] = find(r * cols + c);
      if (r + 1 < rows && !covers(h, ys[r + 1]!, xmid)) parent[find((r + 1) * cols + c)] = find(r * cols + c);
    }
  }
  const inside = new Map<number, PdfRun[]>();
  const taken = new Set<PdfRun>();
  for (const run of runs) {
    const [cx, cy] = [run.x + run.width / 2, run.y + run.size * 0.3];
    const c = xs.findIndex((x, k) => k < cols && cx >= x && cx < xs[k + 1]!);
    const r = ys.findIndex((y, k) => k < rows && cy <= y && cy > ys[k + 1]!);
    if (c < 0 || r < 0) continue;
    const cell = find(r * cols + c);
    inside.set(cell, [...(inside.get(cell) ?? []), run]);
    taken.add(run);
  }
  if (!taken.size) return null;
  const textOf = (cell: number) =>
    linesOf(inside.get(cell) ?? [])
      .map((l) => l.text)
      .reduce((a, b) => (a && /[\x21-\x7e]$/.test(a) && /^[\x21-\x7e]/.test(b) ? `${a} ${b}` : a + b), "");
  const texts = new Map<number, string>();
  const size = runs.find((r) => taken.has(r))!.size;
  const lines: PdfLine[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = Array.from({ length: cols }, (_, c) => {
      const cell = find(r * cols + c);
      if (!texts.has(cell)) texts.set(cell, textOf(cell).replace(/\|/g, "｜"));
      return texts.get(cell)!;
    });
    if (cells.some(Boolean)) lines.push({ text: cells.join(CELL_SEPARATOR), cells, x: xs[0]!, right: xs[cols]!, y: ys[r]!, size });
  }
  return { lines, runs: taken };
}
