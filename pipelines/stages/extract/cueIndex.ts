// The cue words of every rule and list in one table, so one walk over a report finds all of them: a word
// is looked up by its first two characters (a hash table over pairs of UTF-16 code units, behind a
// filter on each character), then the rest is compared. Every cue word has two or more characters.
import type { KpiRule, ListReader } from "./kpiRules/rule.ts";

export interface Cue {
  word: string;
  /** its second character, compared before anything else */
  second: number;
  /** indexes of the rules and lists the word belongs to */
  rules: number[];
  lists: number[];
}

const SLOT_BITS = 14;

const slotOf = (first: number, second: number) => Math.imul((first << 16) | second, 0x9e3779b1) >>> (32 - SLOT_BITS);

export class CueIndex {
  /** whether some cue word starts with this code unit, and whether some has it second */
  readonly starts = new Uint8Array(65536);
  readonly seconds = new Uint8Array(65536);
  /** the cues whose first two characters hash to each slot (a slot may hold more than one pair) */
  private readonly slots: Array<Cue[] | null> = new Array(1 << SLOT_BITS).fill(null);

  constructor(rules: readonly KpiRule[], lists: readonly ListReader[]) {
    const cues = new Map<string, Cue>();
    const cue = (word: string) => cues.get(word) ?? cues.set(word, { word, second: word.charCodeAt(1), rules: [], lists: [] }).get(word)!;
    for (const [i, r] of rules.entries()) for (const w of r.words) cue(w).rules.push(i);
    for (const [i, l] of lists.entries()) for (const w of l.words) cue(w).lists.push(i);
    for (const c of cues.values()) {
      if (c.word.length < 2) throw new Error(`cue word ${c.word}: two characters at least`);
      this.starts[c.word.charCodeAt(0)] = 1;
      this.seconds[c.second] = 1;
      const slot = slotOf(c.word.charCodeAt(0), c.second);
      (this.slots[slot] ??= []).push(c);
    }
  }

  /** The cues whose slot text[i], text[i + 1] falls in (compare `second` and the rest before taking one), or null. */
  at(text: string, i: number): Cue[] | null {
    return this.slots[slotOf(text.charCodeAt(i), text.charCodeAt(i + 1))]!;
  }
}
