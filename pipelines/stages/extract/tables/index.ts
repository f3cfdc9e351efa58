// readTables: the standard tables of a 政府信息公开工作年度报告 in a report's clean text, whatever form they
// reached it in, as catalogue facts (only cells the labels and sums determine) and as consistency checks.
import type { Check, Fact } from "../../../../schemas/messages.ts";
import { metricDef } from "../../../../schemas/metrics.ts";
import { readGrids } from "./grid.ts";
import type { RowRead } from "./rows.ts";
import { agreed, type RowSum, solveTable, type Split, splitRow, type SystemRow } from "./solver.ts";
import { readStream } from "./stream.ts";
import { CELL_METRICS, type CellRef, DISPUTE_EQUATIONS, DISPUTES_SCOPE, type Equation, REQUEST_ROWS, requestEquations, type TableId } from "./template.ts";

const TABLE_IDS: TableId[] = ["active", "requests", "disputes"];

export interface TableReading {
  facts: Fact[];
  checks: Check[];
}

interface SolvedRow {
  read: RowRead;
  splits: Split[];
  /** the value of each cell, in `read.columns` order; undefined where the reading is not determined */
  cells: Array<number | null | undefined>;
}

/** The sums inside one row, as indexes into its cells. */
function rowSums(read: RowRead, equations: Equation[]): RowSum[] {
  const index = (ref: CellRef) => (ref[0] === read.row ? read.columns.findIndex((c) => c.key === ref[1]) : -1);
  return equations
    .filter((e) => [...e.parts, ...e.totals].every((ref) => ref[0] === read.row))
    .map((e) => ({ parts: e.parts.map(index), total: index(e.totals[0]!) }))
    .filter((s) => s.total >= 0 && s.parts.every((i) => i >= 0));
}

function equationsFor(table: TableId, rows: RowRead[]): Equation[] {
  if (table === "active") return [];
  if (table === "disputes") return DISPUTE_EQUATIONS;
  const label = (key: string) => REQUEST_ROWS.find((r) => r.key === key)!.core;
  return requestEquations(new Set(rows.map((r) => r.row)), label);
}

interface SolvedTable {
  rows: Map<string, SolvedRow>;
  equations: Equation[];
  /** some reading of every row satisfies every sum */
  consistent: boolean;
}

/** Figures the report's prose states, by metric: whole-organisation ones only (scope null). */
type Stated = ReadonlyMap<string, number[]>;

const near = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** A cell its run leaves open that the prose states (本年度制发规范性文件88件 beside `8855698`): the report says
 * which split it meant, so only the splits giving the cell that value stay. A prose figure that is no split's
 * value, or two that are, settle nothing. 四 is scoped to disclosure disputes, which prose rarely is: never used. */
function settledByProse(table: TableId, read: RowRead, splits: Split[], stated: Stated): Split[] {
  let out = splits;
  for (const cell of CELL_METRICS) {
    const k = read.columns.findIndex((c) => c.key === cell.column);
    if (cell.table !== table || table === "disputes" || cell.row !== read.row || k < 0) continue;
    const scale = cell.column === "fee_amount" ? read.feeScale : 1;
    const values = [...new Set(out.map((s) => s[k]))].filter((v): v is number => v !== null && v !== undefined).map((v) => v * scale);
    if (values.length < 2) continue;
    const said = [...new Set((stated.get(cell.metric) ?? []).filter((v) => values.some((x) => near(x, v))))];
    if (said.length === 1) out = out.filter((s) => s[k] !== null && s[k] !== undefined && near(s[k]! * scale, said[0]!));
  }
  return out;
}

function solve(table: TableId, reads: RowRead[], stated: Stated): SolvedTable {
  const equations = equationsFor(table, reads);
  const system: SystemRow[] = [];
  const rows = new Map<string, SolvedRow>();
  for (const read of reads) {
    const { splits, complete } = splitRow(read.tokens, read.hard, read.columns, rowSums(read, equations));
    const kept = complete ? settledByProse(table, read, splits, stated) : [];
    rows.set(read.row, { read, splits: kept, cells: agreed(kept, read.columns.length) });
    if (kept.length) system.push({ key: read.row, columns: read.columns.map((c) => c.key), splits: kept });
  }
  const { used } = solveTable(system, equations);
  if (used) {
    for (const [key, indexes] of used) {
      const row = rows.get(key)!;
      row.cells = agreed(
        [...indexes].map((i) => row.splits[i]!),
        row.read.columns.length,
      );
    }
  }
  return { rows, equations, consistent: used !== null };
}

const cellOf = (t: SolvedTable, [row, column]: CellRef) => {
  const r = t.rows.get(row);
  const k = r ? r.read.columns.findIndex((c) => c.key === column) : -1;
  return k < 0 ? undefined : r!.cells[k];
};

/** A row's text as evidence: its label and cells, at most 200 characters (the cells kept). */
function evidenceOf(text: string, start: number, end: number): { evidence: string; offset: number } {
  let from = Math.max(start, end - 200);
  while (/\s/.test(text[from] ?? "") && from < end) from++;
  return { evidence: text.slice(from, end).trimEnd(), offset: from };
}

function factsOf(text: string, table: TableId, t: SolvedTable): Fact[] {
  const out: Fact[] = [];
  for (const cell of CELL_METRICS.filter((m) => m.table === table)) {
    const row = t.rows.get(cell.row);
    const value = cellOf(t, [cell.row, cell.column]);
    if (!row || value === undefined || value === null) continue;
    const def = metricDef(cell.metric);
    const scale = cell.column === "fee_amount" ? row.read.feeScale : 1;
    out.push({
      metric: def.code,
      family: def.family,
      unit: def.unit,
      value: Math.round(value * scale * 100) / 100,
      approx: "exact",
      redacted: false,
      qualifier: null,
      scope: table === "disputes" ? DISPUTES_SCOPE : null,
      ...evidenceOf(text, row.read.start, row.read.end),
    });
  }
  return out;
}

const show = (v: number | null | undefined) => (v === undefined ? "?" : String(v ?? 0));

function checksOf(t: SolvedTable): Check[] {
  return t.equations.map((e) => {
    const parts = e.parts.map((ref) => cellOf(t, ref));
    const totals = e.totals.map((ref) => cellOf(t, ref));
    const known = [...parts, ...totals].every((v) => v !== undefined);
    const sum = (vs: Array<number | null | undefined>) => vs.reduce<number>((s, v) => s + (v ?? 0), 0);
    const passed = known ? Math.abs(sum(parts) - sum(totals)) < 1e-6 : t.consistent ? true : satisfiable(t, e);
    const first = [...e.parts, ...e.totals].map((ref) => t.rows.get(ref[0])).find(Boolean);
    return {
      name: e.check,
      subject: e.subject,
      expected: known ? sum(totals) : null,
      actual: known ? sum(parts) : null,
      passed,
      detail: `${parts.map(show).join(" + ")} ${passed === false ? "≠" : "="} ${totals.map(show).join(" + ")}`.slice(0, 200),
      offset: first?.read.start ?? 0,
    };
  });
}

/** Whether some reading of the rows one sum involves satisfies it: false when none does, null when the
 * search could not tell (then the table as a whole broke some sum, but not provably this one). */
function satisfiable(t: SolvedTable, e: Equation): boolean | null {
  const keys = new Set([...e.parts, ...e.totals].map((ref) => ref[0]));
  const rows = [...keys].map((k) => t.rows.get(k)).filter((r): r is SolvedRow => Boolean(r?.splits.length));
  if (rows.length < keys.size) return null;
  const { used, complete } = solveTable(
    rows.map((r) => ({ key: r.read.row, columns: r.read.columns.map((c) => c.key), splits: r.splits })),
    [e],
  );
  return used ? null : complete ? false : null;
}

/** The tables of `text`; `prose` (the report's prose facts) may settle a cell its run of digits leaves open. */
export function readTables(text: string, prose: Fact[] = []): TableReading {
  const stated = new Map<string, number[]>();
  for (const f of prose) if (f.scope === null && f.value !== null) stated.set(f.metric, [...(stated.get(f.metric) ?? []), f.value]);
  const reads = readGrids(text);
  const inGrids = new Set(reads.map((r) => r.table));
  reads.push(...readStream(text, new Set(TABLE_IDS.filter((t) => !inGrids.has(t)))));
  const facts: Fact[] = [];
  const checks: Check[] = [];
  for (const table of TABLE_IDS) {
    // a row read twice (the table printed twice) counts once: the first
    const rows = [
      ...new Map(
        reads
          .filter((r) => r.table === table)
          .reverse()
          .map((r) => [r.row, r]),
      ).values(),
    ];
    if (!rows.length) continue;
    const solved = solve(table, rows, stated);
    facts.push(...factsOf(text, table, solved));
    checks.push(...checksOf(solved));
  }
  return { facts, checks };
}
