// The walk tries a rule on a sentence only where one of its cue words shares a clause (brackets do not
// end one) with a figure. That is only sound if every match holds one of the rule's words and crosses no
// clause: checked here for every rule on every sentence of the samples, the real corpus and the test texts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_RULES } from "../../pipelines/stages/extract/kpiRules/index.ts";
import { FIGURE } from "../../pipelines/stages/extract/kpiRules/rule.ts";
import { findNumbers } from "../../pipelines/stages/extract/numerals.ts";
import { SAMPLES, SHARED } from "../helpers/cli.ts";

const REAL = join(SHARED, "corpus", "real");
const texts = [
  ...readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(join(SAMPLES, f), "utf8")),
  ...(existsSync(REAL)
    ? readdirSync(REAL)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => readFileSync(join(REAL, f), "utf8"))
    : []),
  ...readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(import.meta.dirname, f), "utf8")),
];

function masked(sentence: string): string {
  let out = sentence;
  for (const t of findNumbers(sentence).reverse()) out = out.slice(0, t.start) + FIGURE + out.slice(t.end);
  return out;
}

/** the match with what stands in brackets taken out */
const outsideBrackets = (s: string) => s.replace(/[（(][^（）()]*[）)]/g, "");

describe("rule words", () => {
  it("every rule match holds one of the rule's words and no clause boundary", () => {
    let matches = 0;
    for (const sentence of texts.flatMap((t) => t.split(/[。！？\n]/))) {
      const m = masked(sentence);
      for (const rule of KPI_RULES) {
        for (const hit of m.matchAll(rule.pattern)) {
          matches++;
          expect(
            rule.words.some((w) => hit[0].includes(w)),
            `${rule.source} matched "${hit[0]}" with none of ${rule.words}`,
          ).toBe(true);
          expect(outsideBrackets(hit[0]), `${rule.source} matched across a clause: "${hit[0]}"`).not.toMatch(/[，,；;：:]/);
        }
      }
    }
    expect(matches).toBeGreaterThan(100);
  });
});
