// Tables that kept their grid: the parse stage writes HTML, DOCX and ruled PDF tables one row a line with
// cells between " | " (spanned cells repeated), and markdown rows read the same. A column is known by the
// header cells above it (申请人情况 / 法人或其他组织 / 商业企业), a row by its label cells, so the reading holds
// whatever the order of the columns; a grid with no header cells is read in the template's order only when
// it has exactly the template's number of cells.
import { loose, rowPattern } from "./labels.ts";
import { feeScaleOf, type RowRead } from "./rows.ts";
import {
  ACTIVE_COLUMNS,
  ACTIVE_ROWS,
  type ColumnDef,
  DISPUTE_COLUMNS,
  DISPUTE_GROUPS,
  DISPUTE_OUTCOMES,
  DISPUTES_ROW,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  type RowDef,
  type TableId,
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

const RULE_LINE = /^[\s|:：-]+$/;

/** Runs of consecutive lines with cells between bars (a markdown rule line |---| belongs to its table). */
function gridLines(text: string): GridLine[][] {
  const blocks: GridLine[][] = [];
  let block: GridLine[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const end = start + raw.length;
    if (!raw.includes("|")) {
      if (block.length) blocks.push(block);
      block = [];
    } else if (!RULE_LINE.test(raw)) {
      const parts = raw.split("|");
      const outer = /^\s*\|/.test(raw) && /\|\s*$/.test(raw);
      const cells: Cell[] = [];
      let at = start;
      parts.forEach((part, i) => {
        const text = part.trim();
        const lead = part.length - part.trimStart().length;
        if (!(outer && (i === 0 || i === parts.length - 1))) cells.push({ text, start: at + lead, end: at + lead + text.length });
        at += part.length + 1;
      });
      block.push({ cells, start, end });
    }
    start = end + 1;
  }
  if (block.length) blocks.push(block);
  return blocks;
}

const squash = (s: string) => s.replace(/[\s/／、]+/g, "");

/** A cell as a value: units and thousands separators dropped (12件, 1,203); null when it is not one. */
function valueText(text: string): string | null {
  const t = text
    .replace(/\s+/g, "")
    .replace(/(?<=\d)[,，](?=\d{3}(?!\d))/g, "")
    .replace(/(?<=\d)(?:件|条|个|项|次|宗|万元|元)$/, "");
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

/** The key of each column from the header cells above it (paths[k], top to bottom). */
type Resolver = (paths: string[][]) => Array<string | null>;

/** The deepest header cell that names a column decides it. */
function deepestKey(columns: ColumnDef[], path: string[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = headerKey(columns, path[i]!);
    if (key) return key;
  }
  return null;
}

const deepest =
  (columns: ColumnDef[]): Resolver =>
  (paths) =>
    paths.map((path) => deepestKey(columns, path));

const GROUP_COLUMNS = DISPUTE_GROUPS.map((g) => ({ key: g.key, labels: [g.label] }));
const OUTCOME_COLUMNS = DISPUTE_OUTCOMES.map((o) => ({ key: o.key, labels: [o.label] }));

/** 四: a group (行政复议, 未经复议直接起诉, 复议后起诉) and an outcome name a column. A group written once over
 * its five columns, the others left blank (markdown has no colspan), holds until the next group. */
const disputesColumns: Resolver = (paths) => {
  let group: string | null = null;
  return paths.map((path) => {
    group = deepestKey(GROUP_COLUMNS, path) ?? group;
    const outcome = deepestKey(OUTCOME_COLUMNS, path);
    return group && outcome ? `${group}.${outcome}` : null;
  });
};

const TABLES: Record<TableId, { columns: ColumnDef[]; resolve: Resolver; rows: Array<{ row: RowDef; pattern: RegExp }> }> = {
  active: { columns: ACTIVE_COLUMNS, resolve: deepest(ACTIVE_COLUMNS), rows: ACTIVE_ROWS.map((row) => ({ row, pattern: rowPattern(row) })) },
  requests: { columns: REQUEST_COLUMNS, resolve: deepest(REQUEST_COLUMNS), rows: REQUEST_ROWS.map((row) => ({ row, pattern: rowPattern(row) })) },
  disputes: { columns: DISPUTE_COLUMNS, resolve: disputesColumns, rows: [] },
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
        const width = header[header.length - 1]!.cells.length;
        paths = Array.from({ length: width }, (_, k) => dedupe(header.filter((h) => h.cells.length === width).map((h) => h.cells[k]?.text ?? "")));
        last = paths;
        header = [];
      } else if (!paths) paths = last;
      // a header names the columns of lines as wide as itself only (a table cut by a page break may change width)
      const read = readLine(line, paths?.length === cells.length ? paths : null, text);
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

type Spec = (typeof TABLES)[TableId];

/** The row a data line is in `table`: its label cells name it (四's one row has no label). */
function rowOfLine(table: TableId, line: GridLine, keys: Array<string | null>): string | null {
  const labels = line.cells.filter((c, k) => keys[k] === null && valueText(c.text) === null).map((c) => c.text);
  if (table === "disputes") return labels.length ? null : DISPUTES_ROW;
  return rowOf(table, labels.join(" "))?.key ?? null;
}

/** The cells a header names; a column two headers name (a colspan repeated) counts once if its cells agree. */
function namedCells(line: GridLine, keys: Array<string | null>, spec: Spec): { columns: ColumnDef[]; tokens: string[] } | null {
  const values = new Map<string, string | null>();
  line.cells.forEach((c, k) => {
    const key = keys[k];
    if (!key) return;
    const value = valueText(c.text)!;
    values.set(key, values.has(key) && values.get(key) !== value ? null : value);
  });
  const named = [...values].filter((e): e is [string, string] => e[1] !== null);
  if (!values.size) return null;
  return { columns: named.map(([key]) => spec.columns.find((col) => col.key === key)!), tokens: named.map(([, v]) => v) };
}

/** No header names the cells: the template's order for the cells after the label, if there are exactly as
 * many as the template has (二's items differ between templates: never by order). */
function templateCells(table: TableId, line: GridLine, text: string): { columns: ColumnDef[]; tokens: string[] } | null {
  const texts = line.cells.map((c) => valueText(c.text));
  const values = texts.slice(texts.lastIndexOf(null) + 1) as string[];
  if (table === "active" || values.length !== TABLES[table].columns.length) return null;
  if (table === "disputes" && !DISPUTES_TITLE.test(text.slice(Math.max(0, line.start - 300), line.start))) return null;
  return { columns: TABLES[table].columns, tokens: values };
}

function readLine(line: GridLine, paths: string[][] | null, text: string): RowRead | null {
  for (const table of ["requests", "active", "disputes"] as const) {
    const spec = TABLES[table];
    const columnKeys = paths ? spec.resolve(paths) : [];
    const keys = line.cells.map((c, k) => (valueText(c.text) !== null ? (columnKeys[k] ?? null) : null));
    const row = rowOfLine(table, line, keys);
    if (!row) continue;
    const cells = namedCells(line, keys, spec) ?? templateCells(table, line, text);
    if (!cells) return null;
    return { table, row, ...cells, hard: true, start: line.start, end: line.end, feeScale: feeScaleOf(paths?.flat().join("") ?? "") };
  }
  return null;
}
