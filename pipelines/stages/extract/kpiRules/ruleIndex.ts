// Which rules a sentence can match: every rule needs one of its words, so a rule none of whose words
// occur in the sentence is not tried.
import type { KpiRule } from "./rule.ts";

export interface RuleIndex {
  candidates(sentence: string): KpiRule[];
}

export function indexRules(rules: readonly KpiRule[]): RuleIndex {
  const words = [...new Set(rules.flatMap((r) => r.words))];
  return {
    candidates(sentence) {
      const present = new Set(words.filter((w) => sentence.includes(w)));
      return rules.filter((r) => !r.words.length || r.words.some((w) => present.has(w)));
    },
  };
}
