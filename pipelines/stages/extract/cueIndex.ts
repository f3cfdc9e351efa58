// The cue words of every rule and list in one table, so one walk over a report finds all of them: a word
// is looked up by its first two characters (an open-addressing hash table over pairs of UTF-16 code
// units, behind a one-character filter), then the rest is compared. Every cue word has two or more characters.
import type { KpiRule, ListReader } from "./kpiRules/rule.ts";

export interface Cue {
  word: string;
  /** indexes of the rules and lists the word belongs to */
  rules: number[];
  lists: number[];
}

const SLOTS = 1 << 12;

export class CueIndex {
  /** whether some cue word starts with this code unit, and whether some has it second */
  readonly starts = new Uint8Array(65536);
  readonly seconds = new Uint8Array(65536);
  /** pair (first << 16 | second) in each slot, 0 for an empty one */
  private readonly pairs = new Int32Array(SLOTS);
  private readonly slotCues: Cue[][] = Array.from({ length: SLOTS }, () => []);

  constructor(rules: readonly KpiRule[], lists: readonly ListReader[]) {
    const cues = new Map<string, Cue>();
    const cue = (word: string) => cues.get(word) ?? cues.set(word, { word, rules: [], lists: [] }).get(word)!;
    rules.forEach((r, i) => r.words.forEach((w) => cue(w).rules.push(i)));
    lists.forEach((l, i) => l.words.forEach((w) => cue(w).lists.push(i)));
    for (const c of cues.values()) {
      if (c.word.length < 2) throw new Error(`cue word ${c.word}: two characters at least`);
      const pair = (c.word.charCodeAt(0) << 16) | c.word.charCodeAt(1);
      this.starts[c.word.charCodeAt(0)] = 1;
      this.seconds[c.word.charCodeAt(1)] = 1;
      let slot = this.slot(pair);
      while (this.pairs[slot] !== 0 && this.pairs[slot] !== pair) slot = (slot + 1) & (SLOTS - 1);
      this.pairs[slot] = pair;
      this.slotCues[slot]!.push(c);
    }
  }

  private slot(pair: number): number {
    return Math.imul(pair, 0x9e3779b1) >>> 20;
  }

  /** The cue words starting at text[i] (whose first code unit `starts` marks), or null. */
  at(text: string, i: number): Cue[] | null {
    const pair = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
    for (let slot = this.slot(pair); this.pairs[slot] !== 0; slot = (slot + 1) & (SLOTS - 1)) {
      if (this.pairs[slot] === pair) return this.slotCues[slot]!;
    }
    return null;
  }
}
