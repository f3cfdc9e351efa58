// Tables that kept their grid: the parse stage writes HTML, DOCX and ruled PDF tables one row a line with
// cells between " | " (spanned cells repeated), and markdown rows read the same. A column is known by the
// header cells above it (申请人情况 / 法人或其他组织 / 商业企业), a row by its label cells, so the reading holds
// whatever the order of the columns; a grid with no header cells is read in the template's order only when
// it has exactly the template's number of cells.
import { loose, rowPattern } from "./labels.ts";
import { feeScaleOf, type RowRead } from "./rows.ts";
import {
  ACTIVE_COLUMNS, ACTIVE_ROWS, type ColumnDef, DISPUTE_COLUMNS, DISPUTE_GROUPS, DISPUTE_OUTCOMES, DISPUTES_ROW,
  REQUEST_COLUMNS, REQUEST_ROWS, type RowDef, type TableId,
} from "./template.ts";

interface Cell {
  text: string;
  start: number;
  end: number;
}

interface GridLine {
  cells: Cell[];
  start: number;
  end: number;
}

const GRID_LINE = /^[ \t]*\|?(?:[^|\n]*\|)+[^|\n]*$/gm;
const RULE_LINE = /^[\s|:：-]+$/;

function gridLines(text: string): GridLine[][] {
  const blocks: GridLine[][] = [];
  let last = -2;
  for (const m of text.matchAll(GRID_LINE)) {
    const start = m.index!;
    if (RULE_LINE.test(m[0])) continue;
    const cells: Cell[] = [];
    let at = start;
    const parts = m[0].split("|");
    const outer = /^\s*\|/.test(m[0]) && /\|\s*$/.test(m[0]);
    parts.forEach((part, i) => {
      const lead = part.length - part.trimStart().length;
      if (!(outer && (i === 0 || i === parts.length - 1))) cells.push({ text: part.trim(), start: at + lead, end: at + lead + part.trim().length });
      at += part.length + 1;
    });
    const line = text.lastIndexOf("\n", start - 1);
    const contiguous = blocks.length && text.slice(last, start).split("\n").length <= 2 && line <= last + 1;
    if (contiguous) blocks[blocks.length - 1]!.push({ cells, start, end: start + m[0].length });
    else blocks.push([{ cells, start, end: start + m[0].length }]);
    last = start + m[0].length;
  }
  return blocks;
}

const squash = (s: string) => s.replace(/[\s/／、]+/g, "");

/** A cell as a value: units and thousands separators dropped (12件, 1,203); null when it is not one. */
export function valueText(text: string): string | null {
  const t = text.replace(/\s+/g, "").replace(/(?<=\d)[,，](?=\d{3}(?!\d))/g, "").replace(/(?<=\d)(?:件|条|个|项|次|宗|万元|元)$/, "");
  return /^(?:-?\d+(?:\.\d+)?|[/／\\—–－-]+|)$/.test(t) ? t : null;
}

const isNumber = (text: string) => /\d/.test(valueText(text) ?? "");

/** The column a header cell names, longest label first, by its first words (本年收费金额（单位：万元）). */
function headerKey(columns: ColumnDef[], cell: string): string | null {
  const s = squash(cell);
  let best: { key: string; length: number } | null = null;
  for (const col of columns) {
    for (const label of col.labels) {
      const l = squash(label);
      if (s.startsWith(l) && (!best || l.length > best.length)) best = { key: col.key, length: l.length };
    }
  }
  return best?.key ?? null;
}

type Resolver = (path: string[]) => string | null;

/** The deepest header cell that names a column decides it. */
const deepest = (columns: ColumnDef[]): Resolver => (path) => {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = headerKey(columns, path[i]!);
    if (key) return key;
  }
  return null;
};

const GROUP_COLUMNS = DISPUTE_GROUPS.map((g) => ({ key: g.key, labels: [g.label] }));
const OUTCOME_COLUMNS = DISPUTE_OUTCOMES.map((o) => ({ key: o.key, labels: [o.label] }));
const disputesColumn: Resolver = (path) => {
  const group = deepest(GROUP_COLUMNS)(path);
  const outcome = deepest(OUTCOME_COLUMNS)(path);
  return group && outcome ? `${group}.${outcome}` : null;
};

const TABLES: Record<TableId, { columns: ColumnDef[]; resolve: Resolver; rows: Array<{ row: RowDef; pattern: RegExp }> }> = {
  active: { columns: ACTIVE_COLUMNS, resolve: deepest(ACTIVE_COLUMNS), rows: ACTIVE_ROWS.map((row) => ({ row, pattern: rowPattern(row) })) },
  requests: { columns: REQUEST_COLUMNS, resolve: deepest(REQUEST_COLUMNS), rows: REQUEST_ROWS.map((row) => ({ row, pattern: rowPattern(row) })) },
  disputes: { columns: DISPUTE_COLUMNS, resolve: disputesColumn, rows: [] },
};

/** The row a label names: of the labels in its cells (三、本年度办理结果 （一）予以公开), the last one. */
function rowOf(table: TableId, label: string): RowDef | null {
  let best: { row: RowDef; end: number } | null = null;
  for (const { row, pattern } of TABLES[table].rows) {
    for (const m of label.matchAll(pattern)) {
      const end = m.index! + m[0].length;
      if (!best || end > best.end) best = { row, end };
    }
  }
  return best?.row ?? null;
}

const DISPUTES_TITLE = new RegExp(`${loose("行政复议")}|${loose("行政诉讼")}`);

/** The rows of the standard tables in the grids of `text`. */
export function readGrids(text: string): RowRead[] {
  const out: RowRead[] = [];
  // a table cut by a page break goes on in a new grid without its header
  let last: string[][] | null = null;
  for (const block of gridLines(text)) {
    let header: GridLine[] = [];
    let paths: string[][] | null = null;
    for (const line of block) {
      const cells = line.cells.map((c) => c.text);
      if (!cells.some(isNumber) && !namesRow(cells)) {
        header.push(line);
        continue;
      }
      if (header.length) {
        paths = cells.map((_, k) => dedupe(header.map((h) => h.cells[k]?.text ?? "")));
        last = paths;
        header = [];
      } else if (!paths && last?.length === cells.length) paths = last;
      const read = readLine(line, paths, text);
      if (read) out.push(read);
    }
  }
  return out;
}

const dedupe = (cells: string[]) => cells.filter((c, i) => c && c !== cells[i - 1]);

/** A data line whose cells are all empty (规章 | | |) still names its row. */
function namesRow(cells: string[]): boolean {
  const label = cells.filter((c) => valueText(c) === null).join(" ");
  return cells.some((c) => valueText(c) !== null) && (rowOf("active", label) !== null || rowOf("requests", label) !== null);
}

function readLine(line: GridLine, paths: string[][] | null, text: string): RowRead | null {
  for (const table of ["requests", "active", "disputes"] as const) {
    const spec = TABLES[table];
    const keys = line.cells.map((c, k) => (paths && valueText(c.text) !== null ? spec.resolve(paths[k] ?? []) : null));
    const labelCells = line.cells.filter((c, k) => keys[k] === null && valueText(c.text) === null);
    const row = table === "disputes" ? (labelCells.length ? null : DISPUTES_ROW) : rowOf(table, labelCells.map((c) => c.text).join(" "));
    if (!row) continue;
    const rowKey = typeof row === "string" ? row : row.key;
    const columns: ColumnDef[] = [];
    const tokens: string[] = [];
    const conflicting = new Set<string>();
    line.cells.forEach((c, k) => {
      const key = keys[k];
      if (!key) return;
      const value = valueText(c.text)!;
      const seen = columns.findIndex((col) => col.key === key);
      if (seen < 0) {
        columns.push(spec.columns.find((col) => col.key === key)!);
        tokens.push(value);
      } else if (tokens[seen] !== value) conflicting.add(key);
    });
    const read = (cols: ColumnDef[], toks: string[]): RowRead => ({
      table, row: rowKey, columns: cols, tokens: toks, hard: true, start: line.start, end: line.end,
      feeScale: feeScaleOf(paths?.flat().join("") ?? ""),
    });
    if (columns.length) {
      const keep = columns.map((col, i) => (conflicting.has(col.key) ? -1 : i)).filter((i) => i >= 0);
      return read(keep.map((i) => columns[i]!), keep.map((i) => tokens[i]!));
    }
    // no header names the cells: the template's order, if the count is the template's
    const values = line.cells.map((c) => valueText(c.text)).filter((v): v is string => v !== null);
    if (table === "disputes" && !DISPUTES_TITLE.test(text.slice(Math.max(0, line.start - 300), line.start))) return null;
    const template = table === "active" ? null : spec.columns;
    if (template && values.length === template.length) return read(template, values);
    return null;
  }
  return null;
}
