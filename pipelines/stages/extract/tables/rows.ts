// What the readers hand on: a template row found in the text, its cells as printed (or a run of them),
// and where it stands, so that the solver can read the cells and a fact can point at its row.
import { ROW_NUMBERING } from "./labels.ts";
import type { ColumnDef, TableId } from "./template.ts";

export interface RowRead {
  table: TableId;
  row: string;
  /** the columns its cells fill, in order */
  columns: ColumnDef[];
  /** the cells as printed; several may run together in one token unless `hard` */
  tokens: string[];
  /** each token is exactly one cell (a grid's cells) */
  hard: boolean;
  /** the row in the clean text: its label and its cells */
  start: number;
  end: number;
  /** yuan per unit of the fee column: the template's 万元, unless the header says 元 */
  feeScale: number;
}

/** 万元 unless the header names 元 alone. */
export const feeScaleOf = (header: string) => (/[（(]\s*单位\s*[：:]?\s*元\s*[)）]/.test(header) ? 1 : 10_000);

const TOKEN = /-?\d+(?:\.\d+)?|[/／\\—–－]+|-(?!\d)/g;
const SEPARATOR = /^[\s,，|｜]*$/;
const CHINESE_ORDINAL = /[一二三四五六七八九十]\s*、/g;

export interface Run {
  tokens: string[];
  /** offset just after the last token, relative to the text given */
  end: number;
}

/** The first group of cells in `gap`, the text between a row's label and whatever follows it: tokens with
 * only spaces, commas or bars between them, read up to the next row numbering (（三）, 4., 二、). */
export function runIn(gap: string): Run {
  const stop = Math.min(firstMatch(ROW_NUMBERING, gap), firstMatch(CHINESE_ORDINAL, gap));
  const text = gap.slice(0, stop);
  const tokens: string[] = [];
  let end = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (tokens.length && !SEPARATOR.test(text.slice(end, m.index!))) break;
    tokens.push(m[0]);
    end = m.index! + m[0].length;
  }
  return { tokens, end };
}

function firstMatch(re: RegExp, text: string): number {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m ? m.index : text.length;
}
