// Labels as reports print them: spaces and line breaks anywhere (a PDF wraps a cell, a page pads it),
// either width of bracket, quotes or none, 、 or ， or nothing between clauses.
import type { ColumnDef, RowDef } from "./template.ts";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const CHAR: Record<string, string> = {
  "（": "[（(]",
  "(": "[（(]",
  "）": "[）)]",
  ")": "[）)]",
  "“": "[“”\"'‘’「]?",
  "”": "[“”\"'‘’」]?",
  "，": "[，,、]?",
  "、": "[、，,]?",
  "：": "[：:]?",
  "/": "[/／、]?",
};

/** A regex source matching `label` with any whitespace between its characters. */
export function loose(label: string): string {
  return [...label].map((ch) => CHAR[ch] ?? escapeRegExp(ch)).join("\\s*");
}

const ORDINAL = {
  chinese: (n: string) => `${n}\\s*[、.．，,]`,
  bracketed: (n: string) => `[（(]\\s*${n}\\s*[)）]`,
  arabic: (n: string) => `${n}\\s*[.．、]`,
};

/** A row's label: its ordinal (required when `numbered`), its core words, then its tail if printed. */
export function rowPattern(row: RowDef): RegExp {
  const ordinal = row.ordinal ? `${ORDINAL[row.ordinal.kind](row.ordinal.n)}\\s*` : "";
  const lead = row.numbered ? ordinal : ordinal && `(?:${ordinal})?`;
  const not = row.notFollowedBy ? `(?!\\s*(?:${row.notFollowedBy}))` : "";
  const tail = row.tail ? `(?:\\s*${loose(row.tail)})?` : "";
  const words = row.lead ? `(?:${loose(row.lead)}\\s*)?${loose(row.core)}` : loose(row.core);
  return new RegExp(`${lead}${words}${not}${tail}`, "g");
}

/** Where any column label of `columns` is printed, longest label first (其他结果 before 其他). */
export function columnPattern(columns: ColumnDef[]): { pattern: RegExp; labelOf: (found: string) => string } {
  const labels = columns.flatMap((col) => col.labels).sort((x, y) => y.length - x.length);
  const squash = (s: string) => s.replace(/[\s/／、]+/g, "");
  const bySquashed = new Map(labels.map((l) => [squash(l), l]));
  return {
    pattern: new RegExp(labels.map((l) => `(${loose(l)})`).join("|"), "g"),
    labelOf: (found) => bySquashed.get(squash(found)) ?? found,
  };
}

/** Numbering that starts a row (（三）, 4., 二、): never part of a run of cells. */
export const ROW_NUMBERING = /[（(]\s*[一二三四五六七八九十]\s*[)）]|\d{1,2}\s*[.．、](?=\s*[\u4e00-\u9fff])/g;
