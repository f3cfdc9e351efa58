// Applies the KPI rules to a report: sentence by sentence, every figure is masked to one character so a
// rule is a plain pattern over words and `#`s; each figure is claimed by the first rule that matches it.
import type { Approx, Fact } from "../../../schemas/messages.ts";
import { metricDef } from "../../../schemas/metrics.ts";
import { findNumbers, type NumberToken } from "./numerals.ts";
import { FIGURE, type KpiRule } from "./kpiRules/rule.ts";
import type { RuleIndex } from "./kpiRules/ruleIndex.ts";
import { hasBreakdown, readBreakdowns } from "./breakdowns.ts";
import { futureSpans, isFutureClause } from "./future.ts";

export interface Sentence {
  text: string;
  offset: number;
  tokens: NumberToken[];
  /** the sentence with each figure replaced by FIGURE */
  masked: string;
  /** masked index → index in `text` */
  origin: number[];
  claimed: Set<number>;
}

/** A sentence ends at 。！？ or a line break, but not at a break after ；，： (a PDF line that goes on). */
const SENTENCE = /(?:[^。！？!?\n]|(?<=[；;，,：:])\n)+[。！？!?]?/g;
const CLAUSE_BOUNDARY = /[，,；;。：:！？!?]/;
const TRAILING_APPROX: Array<[RegExp, Approx]> = [
  [/^(?:以上|之上)/, "at_least"],
  [/^(?:以下|以内|之内)/, "at_most"],
  [/^(?:左右|余|多)/, "approx"],
];
/** a cheap test before the number grammar: digits, a mask, or a Chinese numeral with a unit after it */
const MAY_HOLD_FIGURE = /百分之|[0-9０-９*＊×X]|[零〇一二两三四五六七八九十百千万][件宗起次家项个份条封批人期户例名篇场张台套%％成天日元]/;

/** an average or an extreme is not the year's figure (平均罚款3,000元) */
const AVERAGE = /平均|人均|最高|最低|单笔|每件|每家|每户|每人/;
const SCOPE_CUES: Array<[RegExp, string]> = [
  [/医美|医疗美容/, "医疗美容"],
  [/无证行医/, "无证行医"],
  [/非法行医/, "非法行医"],
  [/一般程序/, "一般程序"],
  [/简易程序/, "简易程序"],
];

/** Asides in brackets with no figure of their own ((含12345平台), （试行）) stand between a cue and its figure. */
function asides(text: string, tokens: NumberToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/[（(][^（）()]{0,40}[）)]/g)) {
    const [start, end] = [m.index!, m.index! + m[0].length];
    if (!tokens.some((t) => t.start >= start && t.start < end)) out.push([start, end]);
  }
  return out;
}

function maskSentence(text: string, offset: number): Sentence {
  const tokens = findNumbers(text);
  const skipped = asides(text, tokens);
  let masked = "";
  const origin: number[] = [];
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (skipped.length && skipped.some(([a, b]) => i >= a && i < b)) continue;
      masked += text[i];
      origin.push(i);
    }
  };
  let at = 0;
  for (const t of tokens) {
    keep(at, t.start);
    masked += FIGURE;
    origin.push(t.start);
    at = t.end;
  }
  keep(at, text.length);
  origin.push(text.length);
  return { text, offset, tokens, masked, origin, claimed: new Set() };
}

/** Words that name no domain: 查处各类违法案件 is the whole year's figure, 查办食品安全案件 a domain's. */
const GENERIC = /各类|各项|全部|所有|卫生健康|卫生|违法|违规|行政|涉嫌|一般|的|了|共|计|合计|累计/g;

function domainOf(words: string | undefined): string | null {
  const domain = words?.replace(GENERIC, "").trim();
  return domain && domain.length >= 2 ? words!.trim().replace(/^(?:了|共|各类)/, "").replace(/(?:违法|违规|的)+$/, "") : null;
}

/** A clause ends at punctuation, but not at the comma inside a figure (1,203). */
const isBoundary = (text: string, i: number) =>
  CLAUSE_BOUNDARY.test(text[i]!) && !(/[,，]/.test(text[i]!) && /\d/.test(text[i - 1] ?? "") && /\d{3}/.test(text.slice(i + 1, i + 4)));

/** The clause(s) a match spans, verbatim, at most 200 characters. */
export function evidenceOf(s: Sentence, from: number, to: number): { evidence: string; offset: number } {
  let start = s.origin[from]!;
  let end = s.origin[to] ?? s.text.length;
  while (start > 0 && !isBoundary(s.text, start - 1)) start--;
  while (end < s.text.length && !isBoundary(s.text, end)) end++;
  if (end - start > 200) start = Math.max(start, end - 200);
  if (end - start > 200) end = start + 200;
  const raw = s.text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { evidence: raw.trim(), offset: s.offset + start + lead };
}

function figureIndexes(s: Sentence, from: number, to: number): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < to; i++) {
    if (s.masked[i] !== FIGURE) continue;
    if (i >= from) out.push(n);
    n++;
  }
  return out;
}

function trailingApprox(s: Sentence, end: number, approx: Approx): Approx {
  if (approx !== "exact") return approx;
  const rest = s.masked.slice(end, end + 2);
  return TRAILING_APPROX.find(([re]) => re.test(rest))?.[1] ?? approx;
}

export interface FactDraft {
  metric: string;
  token: NumberToken;
  approx: Approx;
  qualifier: string | null;
  scope: string | null;
  from: number;
  to: number;
}

export function makeFact(s: Sentence, d: FactDraft): Fact {
  const def = metricDef(d.metric);
  const { evidence, offset } = evidenceOf(s, d.from, d.to);
  let scope = d.scope;
  if (!scope && (def.family === "penalties" || def.family === "inspections")) {
    const clause = s.text.slice(0, s.origin[d.to] ?? s.text.length);
    scope = SCOPE_CUES.find(([re]) => re.test(clause))?.[1] ?? null;
  }
  return {
    metric: def.code,
    family: def.family,
    unit: def.unit,
    value: d.token.redacted ? null : d.token.value,
    approx: d.approx,
    redacted: d.token.redacted,
    qualifier: d.qualifier,
    scope,
    evidence,
    offset,
  };
}

/** A figure fits a metric when both are percentages or neither is. */
export const fits = (metric: string, token: NumberToken) =>
  (metricDef(metric).unit === "percent") === token.percent && (token.redacted || token.value !== null);

function applyRule(s: Sentence, rule: KpiRule, out: Fact[]): void {
  if (rule.context && !rule.context.test(s.text)) return;
  for (const m of s.masked.matchAll(rule.pattern)) {
    const from = m.index!;
    const to = from + m[0].length;
    const figures = figureIndexes(s, from, to);
    if (figures.length !== rule.metrics.length || figures.some((f) => s.claimed.has(f))) continue;
    const tokens = figures.map((f) => s.tokens[f]!);
    if (!rule.metrics.every((metric, i) => fits(metric, tokens[i]!))) continue;
    let clauseStart = from;
    while (clauseStart > 0 && !CLAUSE_BOUNDARY.test(s.masked[clauseStart - 1]!)) clauseStart--;
    const clause = s.masked.slice(clauseStart, to);
    if (rule.unless?.test(clause)) continue;
    if (AVERAGE.test(clause) && rule.metrics.some((metric) => metricDef(metric).unit !== "percent")) continue;
    if (isFutureClause(s.masked.slice(0, from))) continue;
    figures.forEach((f) => s.claimed.add(f));
    const qualifier = m.groups?.q?.trim() || rule.qualify?.(s.masked.slice(0, from)) || null;
    const scope = domainOf(m.groups?.s) || rule.scope || (rule.scopeIsQualifier ? qualifier : null);
    rule.metrics.forEach((metric, i) => {
      const token = tokens[i]!;
      out.push(makeFact(s, { metric, token, approx: trailingApprox(s, to, token.approx), qualifier, scope, from, to }));
    });
  }
}

const key = (f: Fact) => [f.metric, f.redacted ? `#${f.offset}` : f.value, f.qualifier, f.scope].join("|");

export function applyRules(text: string, rules: RuleIndex): Fact[] {
  const facts: Fact[] = [];
  const skip = futureSpans(text);
  for (const m of text.matchAll(SENTENCE)) {
    const offset = m.index!;
    if (skip.some(([a, b]) => offset >= a && offset < b)) continue;
    if (!MAY_HOLD_FIGURE.test(m[0])) continue;
    // rule words are never numerals, so the unmasked sentence tells which rules to try
    const candidates = rules.candidates(m[0]);
    const listed = hasBreakdown(m[0]);
    if (!candidates.length && !listed) continue;
    const s = maskSentence(m[0], offset);
    if (!s.tokens.length) continue;
    for (const rule of candidates) applyRule(s, rule, facts);
    if (listed) facts.push(...readBreakdowns(s));
  }
  const seen = new Set<string>();
  return facts.filter((f) => !seen.has(key(f)) && Boolean(seen.add(key(f))));
}
