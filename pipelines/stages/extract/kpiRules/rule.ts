// A KPI rule is data: a pattern over a sentence in which every figure stands as `#`, and every `#` is
// followed by its unit placeholder (`#{count}`, `#{count:件|宗}`, `#{money}`, `#{day}`, `#{percent}`),
// which must agree with its metric's unit in the registry. `{gap}` and `{wide}` stand for a short stretch
// of one clause. Named groups: `q` becomes the fact's qualifier, `s` its scope. Every rule is checked when
// its module loads, so a malformed rule stops the program at start, never a report at run time.
import { metricDef, type MetricCode, type Unit } from "../../../../schemas/metrics.ts";
import { cueWords } from "./cueWords.ts";

export const FIGURE = "\uE000";

/** The words a figure of each unit may be counted in (catalogue: Units). */
const UNIT_WORDS: Record<Exclude<Unit, "percent">, readonly string[]> = {
  count: [
    "批次",
    "人次",
    "家次",
    "件次",
    "间次",
    "户次",
    "个次",
    "起次",
    "件",
    "宗",
    "起",
    "次",
    "家",
    "项",
    "个",
    "份",
    "条",
    "封",
    "人",
    "期",
    "户",
    "例",
    "名",
    "篇",
    "场",
    "张",
    "台",
    "套",
    "批",
    "单",
    "通",
    "所",
    "处",
    "单位",
  ],
  yuan: ["元"],
  day: ["个工作日", "工作日", "个自然日", "自然日", "天", "日"],
};
const PLACEHOLDER_UNIT: Record<string, Unit> = { count: "count", money: "yuan", day: "day", percent: "percent" };
/** 个 counts things, except in 个工作日, 个月, 个小时 (a span of time). */
const unitWord = (w: string) => (w === "个" ? "个(?!工作日|自然日|月|小时|百分点)" : w);
const alternation = (words: readonly string[]) =>
  `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(unitWord)
    .join("|")})`;
/** after a figure whose unit word is left out (办结量29501), no word that makes it a date, a time or another unit */
const BARE = "(?![年月日号时分秒点工天元万亿个%％])";

const STRETCHES: Record<string, string> = {
  gap: "[^，,。；;：:！？#]{0,8}?",
  wide: "[^，,。；;：:！？#]{0,16}?",
  // no enumeration: 来信、来电、网络投诉等信访投诉事项 is a total, not its last channel
  near: "[^，,。；;：:！？#、等]{0,8}?",
};

export interface ScopeCue {
  cue: RegExp;
  scope: string;
}

export interface RuleOptions {
  /** the whole sentence must match this (e.g. a petitions context for a satisfaction rate) */
  context?: RegExp;
  /** the clause must not match this */
  unless?: RegExp;
  /** a scope for every fact of this rule, when the pattern has no `s` group */
  scope?: string;
  /** reads the qualifier from the clause before the match, when the pattern has no `q` group */
  qualify?: (before: string) => string | null;
  /** these facts are limited to their qualifier: it is their scope too */
  scopeIsQualifier?: boolean;
}

export interface KpiRule extends RuleOptions {
  /** the metric of each `#` in the pattern, in order */
  metrics: MetricCode[];
  source: string;
  pattern: RegExp;
  /** words one of which every match holds (cueWords.ts): a sentence with none of them in a clause holding a figure cannot match */
  words: string[];
  /** scopes read from the words before a figure when the rule gives none (set by the family) */
  scopeCues: readonly ScopeCue[];
}

const fail = (source: string, why: string): never => {
  throw new Error(`KPI rule ${source}: ${why}`);
};

/** The pattern's `#`s (outside character classes), each with the unit its placeholder names. */
function figureUnits(source: string): Array<{ at: number; unit: Unit; words: string[] | null; optional: boolean }> {
  const out: Array<{ at: number; unit: Unit; words: string[] | null; optional: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "#" && !inClass) {
      const m = /^\{(count|money|day|percent)(\?)?(?::([^}]+))?\}/.exec(source.slice(i + 1));
      if (!m) fail(source, `the figure at ${i} needs a unit placeholder after it: #{count}, #{count:件|宗}, #{money}, #{day} or #{percent}`);
      out.push({ at: i, unit: PLACEHOLDER_UNIT[m![1]!]!, words: m![3]?.split("|") ?? null, optional: Boolean(m![2]) });
    }
  }
  return out;
}

function expand(source: string, figures: ReturnType<typeof figureUnits>): string {
  let out = "";
  let last = 0;
  for (const f of figures) {
    out += source.slice(last, f.at) + FIGURE;
    const end = source.indexOf("}", f.at) + 1;
    if (f.unit !== "percent") {
      const known = UNIT_WORDS[f.unit];
      const words = f.words ?? known;
      const foreign = words.filter((w) => !known.includes(w));
      if (foreign.length) fail(source, `${foreign.join(", ")} is not a ${f.unit} unit (${known.join(" ")})`);
      out += f.optional ? `${alternation(words)}?${BARE}` : alternation(words);
    } else if (f.words) fail(source, "a percentage has no unit words: write #{percent}");
    last = end;
  }
  out += source.slice(last);
  // a `#` left is in a character class ([^，。#]: not a figure)
  return out.replace(/\{(\w+)\}/g, (_, name: string) => STRETCHES[name] ?? fail(source, `unknown placeholder {${name}}`)).replaceAll("#", FIGURE);
}

export function rule(metrics: MetricCode | MetricCode[], source: string, options: RuleOptions = {}): KpiRule {
  const codes = Array.isArray(metrics) ? metrics : [metrics];
  const defs = codes.map((c) => metricDef(c));
  const figures = figureUnits(source);
  if (figures.length !== codes.length) fail(source, `${figures.length} figure(s) for ${codes.length} metric(s)`);
  figures.forEach((f, i) => {
    if (f.unit !== defs[i]!.unit) fail(source, `figure ${i + 1} is in ${f.unit} but ${codes[i]} is in ${defs[i]!.unit}`);
  });
  let pattern: RegExp;
  try {
    pattern = new RegExp(expand(source, figures), "g");
  } catch (e) {
    return fail(source, (e as Error).message);
  }
  const groups = [...pattern.source.matchAll(/\(\?<([a-zA-Z]\w*)>/g)].map((m) => m[1]);
  if (groups.some((g) => g !== "q" && g !== "s")) fail(source, "the only named groups are q (qualifier) and s (scope)");
  const qualified = defs.some((d) => d.qualified);
  if (groups.includes("q") && !qualified) fail(source, `${codes.join(", ")} carries no qualifier, so the pattern has no q group`);
  if (qualified && defs.every((d) => d.qualified) && !groups.includes("q") && !options.qualify) fail(source, "a qualified metric needs a q group or qualify");
  for (const re of [options.context, options.unless])
    if (re && (re.global || re.sticky)) fail(source, "context and unless are tested, never iterated: no g or y flag");
  const words = cueWords(pattern.source) ?? fail(source, "some match would hold no cue word of two or more characters, so the rule could not be looked up");
  return { metrics: codes, source, pattern, words, scopeCues: [], ...options };
}

/** Every `#` figure a list item may hold, per unit (for readers that write their own item patterns). */
const unitPattern = (unit: Exclude<Unit, "percent">) => alternation(UNIT_WORDS[unit]);

/**
 * A list whose items are each a fact of one metric: topics after 按反映内容分, the parts after a total's
 * 其中 (累计发布信息313条，其中政策文件14条、行政许可93条). An item is a name and its figure; the name
 * becomes the fact's qualifier or scope.
 */
export interface ListReader {
  metric: MetricCode;
  /** the words that open the list (global: every list in a sentence is read) */
  opens: RegExp;
  /** the sentence must match this too */
  context?: RegExp;
  /** the list only counts after a fact of one of these metrics in the same sentence (its total) */
  after?: readonly MetricCode[];
  /** names that are not parts of the whole: channels, outcomes, roles, other measures */
  notItem: RegExp;
  nameIs: "qualifier" | "scope";
  /** the words that open the list, for the index */
  words: string[];
  item: RegExp;
  /** the opening words stand in a clause of their own (按反映内容分，医患纠纷127件…), not beside a figure */
  markerApart?: boolean;
}

export interface ListOptions {
  opens: string;
  /** the unit words an item's figure may have (default: all of the metric's) */
  units?: readonly string[];
  context?: RegExp;
  after?: readonly MetricCode[];
  notItem: RegExp;
  nameIs: "qualifier" | "scope";
  markerApart?: boolean;
}

/** An item: a name of two to sixteen characters, then its figure (in brackets or not) and a unit of the metric. */
export function list(metric: MetricCode, options: ListOptions): ListReader {
  const { unit } = metricDef(metric);
  if (unit === "percent") throw new Error(`list of ${metric}: items are counts, money or days`);
  const words = cueWords(options.opens);
  if (!words) throw new Error(`list of ${metric}: ${options.opens} has no cue word every match holds`);
  const foreign = options.units?.filter((w) => !UNIT_WORDS[unit].includes(w)) ?? [];
  if (foreign.length) throw new Error(`list of ${metric}: ${foreign.join(", ")} is not a ${unit} unit`);
  const units = options.units ? alternation(options.units) : unitPattern(unit);
  // text out of a PDF spaces figures and breaks lines between a name and its figure
  const item = new RegExp(`(?<name>[\\u4e00-\\u9fa5“”"]{2,16}?)\\s*[（(]?\\s*${FIGURE}\\s*${units}`, "g");
  return { metric, ...options, opens: new RegExp(options.opens, "g"), words, item };
}

export interface Family {
  rules: KpiRule[];
  lists: ListReader[];
}

/** A family's rules and lists; its scope cues apply to every rule of the family that gives no scope. */
export function family(parts: { rules: KpiRule[]; lists?: ListReader[]; scopeCues?: readonly ScopeCue[] }): Family {
  return { rules: parts.rules.map((r) => ({ ...r, scopeCues: parts.scopeCues ?? [] })), lists: parts.lists ?? [] };
}
