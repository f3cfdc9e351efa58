// Tables that reach the text without their grid: rows flattened into one line (a crawler's archive), one
// cell a line (a document's raw text), or a PDF's text lines. The row labels cut the text into rows; what
// follows a label up to the next one is that row's run of cells. A table is looked for only where its own
// header words stand, so that 行政处罚 in the prose is never a row.
import { columnPattern, loose, rowPattern } from "./labels.ts";
import { feeScaleOf, type RowRead, runIn } from "./rows.ts";
import {
  ACTIVE_COLUMNS,
  ACTIVE_HEADERS,
  ACTIVE_ROWS,
  type ColumnDef,
  DISPUTE_COLUMNS,
  DISPUTE_HEADER_WORDS,
  DISPUTES_ROW,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  type RowDef,
  type TableId,
} from "./template.ts";

interface Found {
  start: number;
  end: number;
}

interface LabelMatch extends Found {
  row: RowDef;
}

/** How far a table reaches past its first label at most: a table, not the rest of the report. */
const REACH: Record<TableId, number> = { active: 2_000, requests: 5_000, disputes: 1_200 };

const ACTIVE_HEADER = columnPattern(ACTIVE_COLUMNS);
const ACTIVE_LABELS = ACTIVE_ROWS.map((row) => ({ row, pattern: rowPattern(row) }));
const REQUEST_LABELS = REQUEST_ROWS.map((row) => ({ row, pattern: rowPattern(row) }));
const REQUESTS_ANCHOR = new RegExp(`${loose("申请人情况")}|${loose("本年新收政府信息公开申请数量")}`, "g");
const DISPUTES_ANCHOR = new RegExp(loose("行政复议"), "g");
/** 四's title and header, however a PDF's text wraps and interleaves their words (结果 结果 其他 / 维持 纠正 结果):
 * any run of the characters they are written with, up to the first that is not one of them. */
const DISPUTES_HEADER = new RegExp(`^[\\s，,、；;：:|（）()${[...new Set([...DISPUTE_HEADER_WORDS.join(""), ..."四政府信息公开情况"])].join("")}]*`);
const SUBSECTION = new RegExp(`第\\s*二\\s*十\\s*条\\s*第\\s*[（(]\\s*[一二三四五六七八九十]+\\s*[)）]\\s*项|${loose("信息内容")}`, "g");

function matchesOf(pattern: RegExp, text: string, from: number, to: number): Found[] {
  const out: Found[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  pattern.lastIndex = 0;
  return out;
}

/** Labels in text order; of two that overlap, the one that starts first (then the longer) stands. */
function labelsIn(labels: Array<{ row: RowDef; pattern: RegExp }>, text: string, from: number, to: number): LabelMatch[] {
  const all = labels.flatMap(({ row, pattern }) => matchesOf(pattern, text, from, to).map((f) => ({ ...f, row })));
  all.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: LabelMatch[] = [];
  for (const m of all) if (!out.length || m.start >= out[out.length - 1]!.end) out.push(m);
  return out;
}

function rowRead(table: TableId, row: string, columns: ColumnDef[], text: string, label: Found, gapEnd: number, feeScale = 10_000): RowRead | null {
  const run = runIn(text.slice(label.end, gapEnd));
  if (!run.tokens.length) return null;
  return { table, row, columns, tokens: run.tokens, hard: false, start: label.start, end: label.end + run.end, feeScale };
}

/** 三: from its header (申请人情况) or first row to 四's header. */
function readRequests(text: string, from: number, to: number): RowRead[] {
  const labels = labelsIn(REQUEST_LABELS, text, from, to);
  const out: RowRead[] = [];
  labels.forEach((label, i) => {
    if (label.row.cells === false || out.some((r) => r.row === label.row.key)) return;
    const read = rowRead("requests", label.row.key, REQUEST_COLUMNS, text, label, labels[i + 1]?.start ?? to);
    if (read) out.push(read);
  });
  return out;
}

/** The header (ACTIVE_HEADERS) whose labels include `found` in order: the exact one, else the only one. */
function activeHeader(found: string[]): ColumnDef[] {
  const contains = (header: string[]) => {
    let at = 0;
    return found.every((label) => (at = header.indexOf(label, at) + 1) > 0);
  };
  const exact = ACTIVE_HEADERS.find((h) => h.join() === found.join());
  const candidates = ACTIVE_HEADERS.filter(contains);
  const labels = exact ?? (candidates.length === 1 ? candidates[0]! : found);
  return labels.map((label) => ACTIVE_COLUMNS.find((col) => col.labels.includes(label))!);
}

/** 二: each 第二十条 item has its own header row, whose columns hold for the rows under it. */
function readActive(text: string, from: number, to: number): RowRead[] {
  type Event = Found & ({ kind: "column"; label: string } | { kind: "row"; row: RowDef });
  const events: Event[] = [
    ...matchesOf(ACTIVE_HEADER.pattern, text, from, to).map((f) => ({
      ...f,
      kind: "column" as const,
      label: ACTIVE_HEADER.labelOf(text.slice(f.start, f.end)),
    })),
    ...labelsIn(ACTIVE_LABELS, text, from, to).map((m) => ({ ...m, kind: "row" as const })),
  ].sort((x, y) => x.start - y.start);
  const out: RowRead[] = [];
  let found: string[] = [];
  let header = "";
  events.forEach((e, i) => {
    if (e.kind === "column") {
      if (events[i - 1]?.kind !== "column") [found, header] = [[], ""];
      found.push(e.label);
      header += text.slice(e.start, events[i + 1]?.start ?? e.end);
    } else if (found.length && !out.some((r) => r.row === e.row.key)) {
      const read = rowRead("active", e.row.key, activeHeader(found), text, e, events[i + 1]?.start ?? to, feeScaleOf(header));
      if (read) out.push(read);
    }
  });
  return out;
}

/** 四: its header words, then one run of fifteen cells. */
function readDisputes(text: string, anchor: number): RowRead[] {
  const header = DISPUTES_HEADER.exec(text.slice(anchor, anchor + REACH.disputes))!;
  const at = anchor + header[0].length;
  const run = runIn(text.slice(at, at + REACH.disputes));
  if (!run.tokens.length || run.tokens.length > DISPUTE_COLUMNS.length) return [];
  const title = text.lastIndexOf("行政复议", anchor);
  const start = title >= 0 && anchor - title < 200 ? title : anchor;
  return [{ table: "disputes", row: DISPUTES_ROW, columns: DISPUTE_COLUMNS, tokens: run.tokens, hard: false, start, end: at + run.end, feeScale: 1 }];
}

const first = (pattern: RegExp, text: string, from = 0) => matchesOf(pattern, text, from, text.length)[0] ?? null;

/** The rows of the tables `wanted` found in running text. */
export function readStream(text: string, wanted: ReadonlySet<TableId>): RowRead[] {
  const requests = first(REQUESTS_ANCHOR, text);
  const disputes = first(DISPUTES_ANCHOR, text, requests?.start ?? 0);
  const out: RowRead[] = [];
  if (wanted.has("active")) {
    const header = first(ACTIVE_HEADER.pattern, text);
    if (header) {
      const start = text.slice(Math.max(0, header.start - 40), header.start).search(SUBSECTION);
      const from = start >= 0 ? Math.max(0, header.start - 40) + start : header.start;
      const to = Math.min(requests && requests.start > from ? requests.start : text.length, from + REACH.active);
      out.push(...readActive(text, from, to));
    }
  }
  if (wanted.has("requests") && requests) {
    const to = Math.min(disputes ? disputes.start : text.length, requests.start + REACH.requests);
    out.push(...readRequests(text, requests.start, to));
  }
  if (wanted.has("disputes") && disputes) out.push(...readDisputes(text, disputes.start));
  return out;
}
