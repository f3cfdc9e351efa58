// Which rules a sentence can match: every rule needs one of its words, so a rule none of whose words
// occur in the sentence is not tried. One regex pass finds the words: at each position the longest
// word starting there, which also stands for the shorter words it begins with.
import type { KpiRule } from "./rule.ts";

export interface RuleIndex {
  candidates(sentence: string): KpiRule[];
}

export function indexRules(rules: readonly KpiRule[]): RuleIndex {
  const words = [...new Set(rules.flatMap((r) => r.words))].sort((a, b) => b.length - a.length);
  const wordAt = new RegExp(`(?=(${words.join("|")}))`, "g");
  const prefixes = new Map(words.map((w) => [w, words.filter((v) => w.startsWith(v))]));
  const rulesOf = new Map(words.map((w) => [w, rules.filter((r) => r.words.includes(w))]));
  const always = rules.filter((r) => !r.words.length);
  return {
    candidates(sentence) {
      const hit = new Set<KpiRule>(always);
      for (const m of sentence.matchAll(wordAt)) {
        for (const w of prefixes.get(m[1]!)!) for (const r of rulesOf.get(w)!) hit.add(r);
      }
      return rules.filter((r) => hit.has(r));
    },
  };
}
