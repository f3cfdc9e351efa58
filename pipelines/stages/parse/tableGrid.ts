// A data table keeps its structure through the parse stage: one row a line, cells between " | ", a cell that
// spans rows or columns repeated in every position it covers, so that the extract stage reads a column by the
// header cells above it and a row by the label cells before it (pipelines/stages/extract/tables/grid.ts).
// Layout tables (a page built from table cells, a table inside a cell, cells holding paragraphs) stay text.
import { type AnyNode, type Element, isTag } from "domhandler";

export const CELL_SEPARATOR = " | ";

/** cells longer than this hold running text: the table lays out a page */
const MAX_CELL_CHARS = 300;
/** spans past this are broken markup, not a table */
const MAX_SPAN = 200;
const MAX_CELLS = 20_000;

const children = (el: Element, names: string[]) => el.children.filter((c): c is Element => isTag(c) && names.includes(c.name));

function rowsOf(table: Element): Element[] {
  return [...children(table, ["tr"]), ...children(table, ["thead", "tbody", "tfoot"]).flatMap((g) => children(g, ["tr"]))];
}

const hasTable = (el: Element): boolean => el.children.some((c) => isTag(c) && (c.name === "table" || hasTable(c)));

function span(el: Element, name: "rowspan" | "colspan"): number {
  const n = Number.parseInt(el.attribs[name] ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** The table as grid rows of cell text, or null when it is a layout table. */
export function tableGrid(table: Element, textOf: (nodes: AnyNode[]) => string): string[][] | null {
  const rows = rowsOf(table);
  if (rows.length < 2 || hasTable(table)) return null;
  const grid: string[][] = [];
  let cells = 0;
  for (const [r, tr] of rows.entries()) {
    grid[r] ??= [];
    let c = 0;
    for (const td of children(tr, ["td", "th"])) {
      const text = textOf([td])
        .replace(/\s*\n\s*/g, " ")
        .replace(/\|/g, "｜")
        .trim();
      if (text.length > MAX_CELL_CHARS) return null;
      while (grid[r]![c] !== undefined) c++;
      const [down, across] = [span(td, "rowspan"), span(td, "colspan")];
      cells += down * across;
      if (cells > MAX_CELLS) return null;
      for (let i = 0; i < down && r + i < rows.length; i++) {
        grid[r + i] ??= [];
        for (let j = 0; j < across; j++) grid[r + i]![c + j] = text;
      }
      c += across;
    }
  }
  const width = Math.max(...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, k) => row[k] ?? "")).filter((row) => row.some((cell) => cell !== ""));
}
