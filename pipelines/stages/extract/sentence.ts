// A sentence as the rules see it: every figure masked to one character (FIGURE), and asides in brackets
// with no figure of their own ((含12345平台), （试行）) and the line breaks of wrapped text left out, so a rule is a plain pattern over words
// and `#`s. A match maps back to the text, its figures and its clause by binary search over what was
// recorded once while masking, so the work for a match never depends on how long the sentence is.
import type { Approx, Fact } from "../../../schemas/messages.ts";
import { metricDef, type MetricCode } from "../../../schemas/metrics.ts";
import type { ScopeCue } from "./kpiRules/rule.ts";
import { FIGURE } from "./kpiRules/rule.ts";
import type { NumberToken } from "./numerals.ts";

/** what the rules read past: an aside in brackets, and a line break a wrapped sentence goes on over ("5个工作\n\n日") */
const ASIDE = /[（(][^（）()]{0,40}[）)]|[ \t\u3000\f\r]*\n\s*/g;
const MAY_HOLD_ASIDE = /[（(\n]/;
const COMMA = 2;
const CLAUSE_BOUNDARY = new Uint8Array(65536);
for (const c of "；;。：:！？!?") CLAUSE_BOUNDARY[c.charCodeAt(0)] = 1;
for (const c of "，,") CLAUSE_BOUNDARY[c.charCodeAt(0)] = COMMA;
const isDigit = (c: number) => c >= 48 && c <= 57;
const BREAKDOWN = /其中/;
/** what ends a clause group: a subject carries over commas, not over these */
const GROUP_END = /[；;。]/;

/** The last index of `sorted` whose value is ≤ x, or -1. */
export function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export class Sentence {
  readonly masked: string;
  /** masked index of each figure, in order */
  readonly figureAt: number[] = [];
  readonly claimed: Uint8Array;
  /** the facts read so far from this sentence, with the masked span each came from */
  readonly read: Array<{ metric: MetricCode; from: number; to: number }> = [];
  /** where each masked piece starts, and where in the text it came from */
  private readonly pieceAt: number[] = [];
  private readonly pieceFrom: number[] = [];
  private readonly maskedBounds: number[] = [];
  private readonly textBounds: number[] = [];
  private readonly firstMatch = new Map<RegExp, number>();

  constructor(
    readonly text: string,
    readonly offset: number,
    readonly tokens: NumberToken[],
  ) {
    const parts: string[] = [];
    let length = 0;
    let cursor = 0;
    const copy = (to: number) => {
      if (to <= cursor) return;
      this.pieceAt.push(length);
      this.pieceFrom.push(cursor);
      parts.push(text.slice(cursor, to));
      length += to - cursor;
    };
    let t = 0;
    ASIDE.lastIndex = MAY_HOLD_ASIDE.test(text) ? 0 : text.length;
    for (let aside = ASIDE.exec(text); ; aside = ASIDE.exec(text)) {
      const asideStart = aside ? aside.index : text.length;
      while (t < tokens.length && tokens[t]!.start < asideStart) {
        copy(tokens[t]!.start);
        this.pieceAt.push(length);
        this.pieceFrom.push(tokens[t]!.start);
        this.figureAt.push(length);
        parts.push(FIGURE);
        length++;
        cursor = tokens[t]!.end;
        t++;
      }
      if (!aside) break;
      const asideEnd = aside.index + aside[0].length;
      // an aside that holds a figure is read like the rest of the sentence
      if (aside.index >= cursor && !(t < tokens.length && tokens[t]!.start < asideEnd)) {
        copy(aside.index);
        cursor = asideEnd;
      }
    }
    copy(text.length);
    this.masked = parts.join("");
    this.claimed = new Uint8Array(tokens.length);
    for (let i = 0; i < this.masked.length; i++) if (CLAUSE_BOUNDARY[this.masked.charCodeAt(i)]) this.maskedBounds.push(i);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!CLAUSE_BOUNDARY[c]) continue;
      // the comma of a figure's thousands (1,203) ends nothing
      if (
        CLAUSE_BOUNDARY[c] === COMMA &&
        isDigit(text.charCodeAt(i - 1)) &&
        isDigit(text.charCodeAt(i + 1)) &&
        isDigit(text.charCodeAt(i + 2)) &&
        isDigit(text.charCodeAt(i + 3))
      )
        continue;
      this.textBounds.push(i);
    }
  }

  /** The index in `text` of masked index `i` (a figure maps to where its token starts). */
  origin(i: number): number {
    if (i >= this.masked.length) return this.text.length;
    const p = lastAtMost(this.pieceAt, i);
    return this.pieceFrom[p]! + (i - this.pieceAt[p]!);
  }

  /** The figure numbers in masked[from, to). */
  figuresIn(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = lastAtMost(this.figureAt, from - 1) + 1; k < this.figureAt.length && this.figureAt[k]! < to; k++) out.push(k);
    return out;
  }

  /** Where the clause holding masked index `i` starts. */
  clauseStart(i: number): number {
    const b = lastAtMost(this.maskedBounds, i - 1);
    return b < 0 ? 0 : this.maskedBounds[b]! + 1;
  }

  /**
   * The clauses from the last ；or 。 before masked index `from` to `to` (a subject carries over commas:
   * 全省各设区市…共查处案件3.6万件，罚没款4.1亿元), at most 160 characters.
   */
  clauseGroup(from: number, to: number): string {
    return this.masked.slice(this.groupStart(from), to);
  }

  /** Where the clause group holding masked index `from` starts (see clauseGroup). */
  groupStart(from: number): number {
    const start = Math.max(0, from - 160);
    for (let b = lastAtMost(this.maskedBounds, from - 1); b >= 0 && this.maskedBounds[b]! >= start; b--) {
      if (GROUP_END.test(this.masked[this.maskedBounds[b]!]!)) return this.maskedBounds[b]! + 1;
    }
    return start;
  }

  /** The text of the clause group holding masked[from, to), asides included, to its ；or 。 (at most 160 characters on). */
  groupText(from: number, to: number): string {
    let end = Math.min(this.masked.length, to + 160);
    const after = lastAtMost(this.maskedBounds, to - 1) + 1;
    for (let b = after; b < this.maskedBounds.length && this.maskedBounds[b]! < end; b++) {
      if (GROUP_END.test(this.masked[this.maskedBounds[b]!]!)) {
        end = this.maskedBounds[b]!;
        break;
      }
    }
    return this.text.slice(this.origin(this.groupStart(from)), this.origin(end));
  }

  /** Where `re`'s first match in the sentence's text ends (Infinity if none), looked for once per sentence. */
  matchEnd(re: RegExp): number {
    let end = this.firstMatch.get(re);
    if (end === undefined) {
      const m = re.exec(this.text);
      end = m ? m.index + m[0].length : Infinity;
      this.firstMatch.set(re, end);
    }
    return end;
  }

  /** The clause(s) masked[from, to) spans, verbatim from the text, at most 200 characters. */
  evidence(from: number, to: number): { evidence: string; offset: number } {
    let start = this.origin(from);
    let end = this.origin(to);
    const before = lastAtMost(this.textBounds, start - 1);
    start = before < 0 ? 0 : this.textBounds[before]! + 1;
    const after = lastAtMost(this.textBounds, end - 1) + 1;
    end = after < this.textBounds.length ? this.textBounds[after]! : this.text.length;
    if (end - start > 200) start = Math.max(start, end - 200);
    if (end - start > 200) end = start + 200;
    const raw = this.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    return { evidence: raw.trim(), offset: this.offset + start + lead };
  }
}

/** A figure fits a metric when both are percentages or neither is. */
export const fits = (metric: MetricCode, token: NumberToken) =>
  (metricDef(metric).unit === "percent") === token.percent && (token.redacted || token.value !== null);

export interface FactDraft {
  metric: MetricCode;
  token: NumberToken;
  approx: Approx;
  qualifier: string | null;
  scope: string | null;
  /** scopes read from the sentence before the figure when the draft has none */
  scopeCues: readonly ScopeCue[];
  from: number;
  to: number;
}

export function makeFact(s: Sentence, d: FactDraft): Fact {
  const def = metricDef(d.metric);
  const { evidence, offset } = s.evidence(d.from, d.to);
  const upTo = s.origin(d.to);
  const clauseFrom = s.origin(s.clauseStart(d.from));
  // a cue inside an earlier breakdown (其中简易程序52宗，…，罚没款65.8万元) scopes its own clause only
  const breakdownAt = s.matchEnd(BREAKDOWN);
  const scoped = ({ cue }: ScopeCue) => s.matchEnd(cue) <= upTo && (breakdownAt > s.matchEnd(cue) || s.matchEnd(cue) > clauseFrom);
  const scope = d.scope ?? d.scopeCues.find(scoped)?.scope ?? null;
  s.read.push({ metric: d.metric, from: d.from, to: d.to });
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
