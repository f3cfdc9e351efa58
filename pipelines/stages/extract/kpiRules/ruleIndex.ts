// Which rules a sentence can match: every rule needs one of its words, so a rule none of whose words
// occur in the sentence is not tried. Words are found by their first character, in one walk over the sentence.
import type { KpiRule } from "./rule.ts";

export interface RuleIndex {
  candidates(sentence: string): KpiRule[];
}

export function indexRules(rules: readonly KpiRule[]): RuleIndex {
  const byFirst = new Map<string, Array<{ word: string; rules: number[] }>>();
  for (const word of new Set(rules.flatMap((r) => r.words))) {
    const entry = { word, rules: rules.flatMap((r, i) => (r.words.includes(word) ? [i] : [])) };
    byFirst.set(word[0]!, [...(byFirst.get(word[0]!) ?? []), entry]);
  }
  const always = rules.flatMap((r, i) => (r.words.length ? [] : [i]));
  return {
    candidates(sentence) {
      const hit = new Uint8Array(rules.length);
      for (const i of always) hit[i] = 1;
      for (let at = 0; at < sentence.length; at++) {
        const entries = byFirst.get(sentence[at]!);
        if (!entries) continue;
        for (const e of entries) if (sentence.startsWith(e.word, at)) for (const r of e.rules) hit[r] = 1;
      }
      return rules.filter((_, i) => hit[i]);
    },
  };
}
