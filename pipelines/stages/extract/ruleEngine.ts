// Applies the KPI rules to a report. One walk over the whole report finds sentences, section headings,
// where figures may start and every rule's cue words; only a sentence where a rule's cue word shares a
// clause with a figure is read further. There the number grammar reads each figure once, the figures are
// masked, and the candidate rules run over the masked sentence in order: each figure is claimed by the
// first rule that matches it. Every step is linear in the text it is given.
import type { Approx, Fact } from "../../../schemas/messages.ts";
import { metricDef } from "../../../schemas/metrics.ts";
import { CueIndex } from "./cueIndex.ts";
import { futureSpans, targetFrom } from "./future.ts";
import { breakContinues } from "./lineBreaks.ts";
import type { KpiRule, ListReader } from "./kpiRules/rule.ts";
import { readLists } from "./lists.ts";
import { othersFigure } from "./otherBodies.ts";
import { DIGIT, FIGURE_CHAR, MASK_CHAR, NUMERAL, NUMERAL_FOLLOW, readFigures } from "./numerals.ts";
import { fits, makeFact, Sentence } from "./sentence.ts";

const TRAILING_APPROX: Array<[RegExp, Approx]> = [
  [/^(?:以上|之上)/, "at_least"],
  [/^(?:以下|以内|之内)/, "at_most"],
  [/^(?:左右|余|多)/, "approx"],
];
/** an average or an extreme is not the year's figure (平均罚款3,000元) */
const AVERAGE = /平均|人均|最高|最低|单笔|每件|每家|每户|每人/;
/** how far before a match its clause is read for `unless` and averages */
const CLAUSE_WINDOW = 60;
/** how far before a match `qualify` reads */
const QUALIFY_WINDOW = 80;

/** Words that name no domain: 查处各类违法案件 is the whole year's figure, 查办食品安全案件 a domain's. */
const GENERIC = /各类|各项|全部|所有|卫生健康|卫生|违法|违规|行政|涉嫌|一般|的|了|共|计|合计|累计/g;

function domainOf(words: string | undefined): string | null {
  const domain = words?.replace(GENERIC, "").trim();
  return domain && domain.length >= 2
    ? words!
        .trim()
        .replace(/^(?:了|共|各类)/, "")
        .replace(/(?:违法|违规|的)+$/, "")
    : null;
}

function trailingApprox(s: Sentence, end: number, approx: Approx): Approx {
  if (approx !== "exact") return approx;
  const rest = s.masked.slice(end, end + 2);
  return TRAILING_APPROX.find(([re]) => re.test(rest))?.[1] ?? approx;
}

function applyRule(s: Sentence, rule: KpiRule, targetAt: number, governs: boolean, out: Fact[]): void {
  if (rule.context && s.matchEnd(rule.context) === Infinity) return;
  const { pattern } = rule;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s.masked); m; m = pattern.exec(s.masked)) {
    if (!m[0]) {
      pattern.lastIndex++;
      continue;
    }
    const from = m.index;
    const to = from + m[0].length;
    const figures = s.figuresIn(from, to);
    if (figures.length !== rule.metrics.length || figures.some((f) => s.claimed[f])) continue;
    const tokens = figures.map((f) => s.tokens[f]!);
    if (!rule.metrics.every((metric, i) => fits(metric, tokens[i]!))) continue;
    const clause = s.masked.slice(Math.max(s.clauseStart(from), from - CLAUSE_WINDOW), to);
    if (rule.unless?.test(clause)) continue;
    if (AVERAGE.test(clause) && rule.metrics.some((metric) => metricDef(metric).unit !== "percent")) continue;
    if (othersFigure(s, from, to, governs)) continue;
    if (targetAt <= s.origin(from)) continue;
    for (const f of figures) s.claimed[f] = 1;
    const qualifier = m.groups?.q?.trim() || rule.qualify?.(s.masked.slice(Math.max(0, from - QUALIFY_WINDOW), from)) || null;
    const scope = domainOf(m.groups?.s) || rule.scope || (rule.scopeIsQualifier ? qualifier : null);
    rule.metrics.forEach((metric, i) => {
      const token = tokens[i]!;
      out.push(makeFact(s, { metric, token, approx: trailingApprox(s, to, token.approx), qualifier, scope, scopeCues: rule.scopeCues, from, to }));
    });
  }
}

/** where a report's facts go, and what its issuer is */
interface Into {
  facts: Fact[];
  governs: boolean;
}

const key = (f: Fact) => [f.metric, f.redacted ? `#${f.offset}` : f.value, f.qualifier, f.scope].join("|");

// What the walk needs to know of a character, in one table: bits 0-1 its figure kind (numerals.ts),
// bits 2-4 its punctuation, bit 5 whether a cue word starts with it.
const FIGURE_KIND = 0b11;
const END = 1 << 2;
const NEWLINE = 2 << 2;
const BOUNDARY = 3 << 2;
const OPEN = 4 << 2;
const CLOSE = 5 << 2;
const PUNCTUATION = 0b111 << 2;
const CUE_START = 1 << 5;
const PUNCTUATION_MARKS: Array<[string, number]> = [
  ["。！？!?", END],
  ["\n", NEWLINE],
  ["，,；;：:", BOUNDARY],
  ["（(", OPEN],
  ["）)", CLOSE],
];

export class RuleEngine {
  private readonly cues: CueIndex;
  private readonly chars = new Uint8Array(FIGURE_CHAR);
  // per sentence: figure starts, rules with a cue in a clause that holds a figure, lists with a cue
  private starts = new Int32Array(64);
  private readonly ruleHits: Int32Array;
  private readonly ruleSeen: Uint8Array;
  private readonly listSeen: Uint8Array;
  /** rules (and lists, after the rules) whose words stand in the clause being walked, kept when it turns out to hold a figure */
  private pending = new Int32Array(64);

  constructor(
    private readonly rules: readonly KpiRule[],
    private readonly lists: readonly ListReader[],
  ) {
    this.cues = new CueIndex(rules, lists);
    for (const [marks, bit] of PUNCTUATION_MARKS) for (const c of marks) this.chars[c.charCodeAt(0)]! |= bit;
    this.cues.starts.forEach((starts, c) => {
      if (starts) this.chars[c]! |= CUE_START;
    });
    this.ruleSeen = new Uint8Array(rules.length);
    this.ruleHits = new Int32Array(rules.length);
    this.listSeen = new Uint8Array(lists.length);
  }

  /** `governs`: the issuer is a government, so its departments' and subordinates' figures are its own. */
  extract(text: string, governs = false): Fact[] {
    const facts: Fact[] = [];
    const into = { facts, governs };
    const future = futureSpans(text);
    let span = 0;
    for (let at = 0; at < text.length; ) {
      while (span < future.length && future[span]![1] <= at) span++;
      at = this.walk(text, at, span < future.length && future[span]![0] <= at, into);
    }
    const seen = new Set<string>();
    return facts.filter((f) => !seen.has(key(f)) && Boolean(seen.add(key(f))));
  }

  /**
   * Walks the sentence that starts at `start` (to 。！？, kept, or a line break not after ；，：, dropped):
   * where figures may start, and which rules and lists have a cue word in a clause holding a figure
   * (brackets do not end a clause: an aside (含来信，来访) is read past; a list whose marker stands
   * apart from its items, 按反映内容分，…, needs its word anywhere). Reads it when some rule or list may match,
   * unless it is part of a plan for the coming year. Returns where the next sentence starts.
   */
  private walk(text: string, start: number, planned: boolean, into: Into): number {
    const { cues, chars, ruleSeen, listSeen } = this;
    const ruleCount = this.rules.length;
    const seconds = cues.seconds;
    const length = text.length;
    let rules = 0;
    let figures = 0;
    let pendingCount = 0;
    let listHit = false;
    let clauseHasFigure = false;
    let depth = 0;
    let prevKind = 0;
    let numeral = -1;
    let i = start;
    let end = length;
    for (; i <= length; i++) {
      // past the end, a full stop closes the last sentence
      const c = i === length ? 0x3002 : text.charCodeAt(i);
      const bits = chars[c]!;
      if (bits === 0 && prevKind === 0) continue;
      const kind = bits & FIGURE_KIND;
      if (kind !== prevKind) {
        if (numeral >= 0 && NUMERAL_FOLLOW[c]) {
          this.addStart(figures++, numeral);
          clauseHasFigure = true;
        }
        numeral = kind === NUMERAL ? i : -1;
        if (kind === DIGIT || kind === MASK_CHAR) {
          this.addStart(figures++, i);
          clauseHasFigure = true;
        }
        prevKind = kind;
      }
      if (bits & CUE_START && seconds[text.charCodeAt(i + 1)]) {
        const found = cues.at(text, i);
        const second = text.charCodeAt(i + 1);
        for (let k = 0; found !== null && k < found.length; k++) {
          const cue = found[k]!;
          if (cue.second !== second || (cue.word.length > 2 && !text.startsWith(cue.word, i)) || cue.word.charCodeAt(0) !== c) continue;
          for (const r of cue.rules) this.addPending(pendingCount++, r);
          for (const l of cue.lists) {
            if (this.lists[l]!.markerApart) {
              listSeen[l] = 1;
              listHit = true;
            } else this.addPending(pendingCount++, ruleCount + l);
          }
        }
      }
      const mark = bits & PUNCTUATION;
      if (mark === 0) continue;
      if (mark === OPEN) depth++;
      else if (mark === CLOSE) depth = Math.max(0, depth - 1);
      else if (mark === NEWLINE && breakContinues(text, i)) continue;
      else if (mark === BOUNDARY && depth > 0) continue;
      else {
        // the clause ends here: its rules are candidates if it holds a figure
        if (clauseHasFigure) {
          for (let k = 0; k < pendingCount; k++) {
            const r = this.pending[k]!;
            if (r >= ruleCount) {
              listSeen[r - ruleCount] = 1;
              listHit = true;
            } else if (!ruleSeen[r]) {
              this.ruleHits[rules++] = r;
              ruleSeen[r] = 1;
            }
          }
        }
        pendingCount = 0;
        clauseHasFigure = false;
        if (mark === BOUNDARY) continue;
        // and so does the sentence: 。！？ are kept in it, a line break is not
        end = mark === END ? Math.min(i + 1, length) : i;
        break;
      }
    }
    if (figures && (rules || listHit) && !planned) this.read(text, start, end, this.starts.subarray(0, figures), this.ruleHits.subarray(0, rules), into);
    for (let k = 0; k < rules; k++) ruleSeen[this.ruleHits[k]!] = 0;
    if (listHit) listSeen.fill(0);
    return i + 1;
  }

  private addStart(k: number, at: number): void {
    if (k === this.starts.length) this.starts = grow(this.starts);
    this.starts[k] = at;
  }

  private addPending(k: number, rule: number): void {
    if (k === this.pending.length) this.pending = grow(this.pending);
    this.pending[k] = rule;
  }

  /** The sentence text[start, end) holding the figure starts `starts`. */
  private read(text: string, start: number, end: number, starts: Int32Array, ruleHits: Int32Array, into: Into): void {
    const sentence = text.slice(start, end);
    const tokens = readFigures(sentence, starts, start);
    if (!tokens.length) return;
    const s = new Sentence(sentence, start, tokens);
    const targetAt = targetFrom(sentence);
    for (const r of ruleHits.sort()) applyRule(s, this.rules[r]!, targetAt, into.governs, into.facts);
    const lists = this.lists.filter((_, i) => this.listSeen[i]);
    if (lists.length) readLists(s, lists, targetAt, into.governs, into.facts);
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
