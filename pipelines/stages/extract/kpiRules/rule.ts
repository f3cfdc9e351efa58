// A KPI rule is data: a pattern over a sentence in which every figure stands as `#`, followed by its unit.
// `{count}`, `{money}`, `{day}` stand for the unit words, `{gap}` for a short stretch of one clause.
// Named groups: `q` becomes the fact's qualifier, `s` its scope. Write each cue as a whole word
// (办件, not 办(?:结)?件): a sentence that holds none of a rule's words is not tried against it.

export interface KpiRule {
  /** the metric of each `#` in the pattern, in order */
  metrics: string[];
  pattern: RegExp;
  /** the whole sentence must match this (e.g. a petitions context for a satisfaction rate) */
  context?: RegExp;
  /** the sentence must not match this */
  unless?: RegExp;
  /** a scope for every fact of this rule, when the pattern has no `s` group */
  scope?: string;
  /** reads the qualifier from the sentence before the match, when the pattern has no `q` group */
  qualify?: (before: string) => string | null;
  /** these facts are limited to their qualifier: it is their scope too */
  scopeIsQualifier?: boolean;
  /** the words of the pattern: a sentence with none of them cannot match, so the rule is not tried */
  words: string[];
}

export const FIGURE = "\uE000";

const UNITS: Record<string, string> = {
  count: "(?:批次|人次|家次|件次|间次|户次|件|宗|起|次|家|项|个(?!工作日|自然日|月|小时)|份|条|封|人|期|户|例|名|篇|场|张|台|套|批)",
  // 万 and 亿 belong to the figure (126.27万 → 1262700), so only 元 is left behind it
  money: "元",
  day: "(?:个工作日|工作日|个自然日|天|日)",
  percent: "",
  gap: "[^，,。；;：:！？#]{0,8}?",
  wide: "[^，,。；;：:！？#]{0,16}?",
};

export function rule(metrics: string | string[], source: string, options: Omit<KpiRule, "metrics" | "pattern" | "words"> = {}): KpiRule {
  const expanded = source.replace(/\{(\w+)\}/g, (_, name: string) => {
    const unit = UNITS[name];
    if (unit === undefined) throw new Error(`unknown placeholder {${name}} in rule ${source}`);
    return unit;
  });
  return {
    metrics: Array.isArray(metrics) ? metrics : [metrics],
    pattern: new RegExp(expanded.replaceAll("#", FIGURE), "g"),
    // a character made optional by `?` ends a word: 法律意见书? needs only 法律意见
    words: [...new Set(source.replace(/[\u4e00-\u9fa5]\?/g, "|").match(/[\u4e00-\u9fa5]{2,}|\d{5}/g) ?? [])],
    ...options,
  };
}
