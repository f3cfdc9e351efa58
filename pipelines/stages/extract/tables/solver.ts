// Cells run together (`801000081` for seven cells) are split every way the format allows, the template's
// sums choose among the splits, and a cell is read only when every split left gives it the same value:
// never a guess. The search is bounded: past its bound a row gives no cells rather than a hang.

/** What a cell may hold besides a whole number. */
export interface CellSpec {
  decimal?: boolean;
  signed?: boolean;
}

/** Cells `parts` of a row add up to cell `total` of the same row. */
export interface RowSum {
  parts: number[];
  total: number;
}

/** A row's cells; null is an empty cell (/, —, -). */
export type Split = ReadonlyArray<number | null>;

export interface Limits {
  /** steps of one row's search */
  rowSteps: number;
  /** splits of one row kept */
  rowSplits: number;
  /** steps of one table's joint search */
  tableSteps: number;
}

const LIMITS: Limits = { rowSteps: 200_000, rowSplits: 2_000, tableSteps: 1_000_000 };

export interface RowSplits {
  splits: Split[];
  /** how many of the row's sums each kept split satisfies (the most any split does) */
  satisfied: number;
  /** false when the search reached its bound: the splits are not all known */
  complete: boolean;
}

const EMPTY = /^[/／\\—–－-]+$|^$/;
/** the longest cell read (12 digits and a fraction: 24252.311082 万元): a longer run of digits is not a row */
const MAX_CELL = 16;

/** A cell's value; an empty-cell mark (/, —) only as a whole token, never cut from a number (-185). */
function cellValue(text: string, spec: CellSpec, wholeToken: boolean): number | null | undefined {
  if (EMPTY.test(text)) return wholeToken ? null : undefined;
  const m = /^(-?)(0|[1-9]\d*)(\.\d+)?$/.exec(text);
  if (!m || (m[1] && !spec.signed) || (m[3] && !spec.decimal)) return undefined;
  return Number(text);
}

const sumOf = (cells: Split, indexes: number[]) => indexes.reduce((s, i) => s + (cells[i] ?? 0), 0);
const holds = (cells: Split, sum: RowSum) => Math.abs(sumOf(cells, sum.parts) - (cells[sum.total] ?? 0)) < 1e-6;

/**
 * Soft tokens (a run separated by spaces or line breaks) are a cell each when there are as many as cells: a
 * separator between every cell (a PDF's text line, one cell a line). Otherwise the separators are stray (the
 * corpus has `230 000023` and `23 0 00 0 023` for seven cells) and say nothing: the digits run together.
 */
function cellTokens(tokens: string[], hard: boolean, cells: number): { tokens: string[]; hard: boolean } {
  if (hard || tokens.length === cells) return { tokens, hard: true };
  const joined: string[] = [];
  for (const token of tokens) {
    const numeric = /^-?[\d.]+$/.test(token);
    if (numeric && joined.length && /^-?[\d.]+$/.test(joined[joined.length - 1]!)) joined[joined.length - 1] += token;
    else joined.push(token);
  }
  return { tokens: joined, hard: false };
}

/**
 * Every way to read `tokens` as the cells of a row described by `specs`. Hard tokens are one cell each
 * (a grid's cells); soft tokens may each hold several cells (see cellTokens). Splits that satisfy all the
 * row's sums are kept; when none does, those that satisfy the most.
 */
export function splitRow(printed: string[], separated: boolean, specs: CellSpec[], sums: RowSum[], limits: Limits = LIMITS): RowSplits {
  const { tokens, hard } = cellTokens(printed, separated, specs.length);
  const strict = enumerate(tokens, hard, specs, sums, limits);
  if (strict.splits.length || !sums.length || !strict.complete) return { ...strict, satisfied: sums.length };
  const loose = enumerate(tokens, hard, specs, [], limits);
  const score = loose.splits.map((s) => sums.filter((sum) => holds(s, sum)).length);
  const best = Math.max(0, ...score);
  return { splits: loose.splits.filter((_, i) => score[i] === best), satisfied: best, complete: loose.complete };
}

function enumerate(tokens: string[], hard: boolean, specs: CellSpec[], sums: RowSum[], limits: Limits): Omit<RowSplits, "satisfied"> {
  const n = specs.length;
  const out: Split[] = [];
  const cells: Array<number | null> = [];
  const closing = new Map<number, RowSum[]>();
  for (const sum of sums) {
    const last = Math.max(sum.total, ...sum.parts);
    closing.set(last, [...(closing.get(last) ?? []), sum]);
  }
  const charsFrom = tokens.map((_, t) => tokens.slice(t).reduce((s, tok) => s + Math.max(1, tok.length), 0));
  let steps = 0;
  let complete = true;

  const place = (t: number, start: number, k: number): void => {
    if (!complete) return;
    if (++steps > limits.rowSteps || out.length >= limits.rowSplits) {
      complete = false;
      return;
    }
    if (t === tokens.length) {
      if (k === n) out.push([...cells]);
      return;
    }
    const token = tokens[t]!;
    const tokensLeft = tokens.length - t - 1;
    const chars = charsFrom[t]! - start;
    if (k >= n || k + 1 + tokensLeft > n || chars < n - k || chars > (n - k) * MAX_CELL) return;
    const ends = hard || EMPTY.test(token) ? [token.length] : range(start + 1, Math.min(token.length, start + MAX_CELL));
    for (const end of ends) {
      if (++steps > limits.rowSteps) {
        complete = false;
        return;
      }
      const value = cellValue(token.slice(start, end), specs[k]!, start === 0 && end === token.length);
      if (value === undefined) continue;
      cells[k] = value;
      if ((closing.get(k) ?? []).every((sum) => holds(cells, sum))) {
        if (end === token.length) place(t + 1, 0, k + 1);
        else place(t, end, k + 1);
      }
      cells.length = k;
    }
  };
  place(0, 0, 0);
  return { splits: out, complete };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export interface SystemRow {
  key: string;
  columns: string[];
  splits: Split[];
}

/** A sum across rows: the cells `parts` add up to the cells `totals` ([row, column] each). */
export interface CrossSum {
  parts: ReadonlyArray<readonly [string, string]>;
  totals: ReadonlyArray<readonly [string, string]>;
}

export interface Solution {
  /** per row, the indexes of its splits that some reading of the whole table uses; null: none fits */
  used: Map<string, Set<number>> | null;
  complete: boolean;
}

/** The readings of a whole table: one split per row such that every sum holds. Rows no sum involves
 * take any of their splits and are not searched. */
export function solveTable(rows: SystemRow[], sums: CrossSum[], limits: Limits = LIMITS): Solution {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const resolvable = sums.filter((sum) => [...sum.parts, ...sum.totals].every(([row, column]) => byKey.get(row)?.columns.includes(column)));
  const involved = new Set(resolvable.flatMap((sum) => [...sum.parts, ...sum.totals].map(([row]) => row)));
  const order = rows.filter((r) => involved.has(r.key)).sort((x, y) => x.splits.length - y.splits.length);
  const at = new Map(order.map((r, i) => [r.key, i]));
  const ref = ([row, column]: readonly [string, string]) => [at.get(row)!, byKey.get(row)!.columns.indexOf(column)] as const;
  const checks = new Map<number, Array<{ parts: Array<readonly [number, number]>; totals: Array<readonly [number, number]> }>>();
  for (const sum of resolvable) {
    const parts = sum.parts.map(ref);
    const totals = sum.totals.map(ref);
    const last = Math.max(...[...parts, ...totals].map((p) => p[0]));
    checks.set(last, [...(checks.get(last) ?? []), { parts, totals }]);
  }
  const chosen: number[] = [];
  const used = new Map(rows.map((r) => [r.key, new Set<number>(involved.has(r.key) ? [] : r.splits.keys())]));
  let found = false;
  let steps = 0;
  let complete = true;
  const value = ([i, col]: readonly [number, number]) => order[i]!.splits[chosen[i]!]![col] ?? 0;
  const total = (cells: Array<readonly [number, number]>) => cells.reduce((s, c) => s + value(c), 0);
  const saturated = () => order.every((r) => used.get(r.key)!.size === r.splits.length);

  const assign = (i: number): boolean => {
    if (++steps > limits.tableSteps) {
      complete = false;
      return true;
    }
    if (i === order.length) {
      found = true;
      for (const [j, r] of order.entries()) used.get(r.key)!.add(chosen[j]!);
      return saturated();
    }
    const row = order[i]!;
    for (let s = 0; s < row.splits.length; s++) {
      chosen[i] = s;
      const fits = (checks.get(i) ?? []).every((c) => Math.abs(total(c.parts) - total(c.totals)) < 1e-6);
      if (fits && assign(i + 1)) return true;
    }
    chosen.length = i;
    return false;
  };
  assign(0);
  return { used: found && complete ? used : null, complete };
}

/** The value of each cell that every given split agrees on; undefined where they differ. */
export function agreed(splits: Split[], columns: number): Array<number | null | undefined> {
  return Array.from({ length: columns }, (_, k) => {
    const values = new Set(splits.map((s) => s[k]));
    return splits.length && values.size === 1 ? splits[0]![k] : undefined;
  });
}
