// The rule index skips a rule for a sentence holding none of its words. That is only sound if no rule
// can match without one of its words: checked here on every sentence of the samples and the test texts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_RULES } from "../../pipelines/stages/extract/kpiRules/index.ts";
import { findNumbers } from "../../pipelines/stages/extract/numerals.ts";
import { FIGURE } from "../../pipelines/stages/extract/kpiRules/rule.ts";
import { SAMPLES } from "../helpers/cli.ts";

const texts = [
  ...readdirSync(SAMPLES).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(SAMPLES, f), "utf8")),
  readFileSync(join(import.meta.dirname, "families.test.ts"), "utf8"),
];

function masked(sentence: string): string {
  let out = sentence;
  for (const t of findNumbers(sentence).reverse()) out = out.slice(0, t.start) + FIGURE + out.slice(t.end);
  return out;
}

describe("rule words", () => {
  it("every rule match contains one of the rule's words", () => {
    let matches = 0;
    for (const sentence of texts.flatMap((t) => t.split(/[。\n]/))) {
      const m = masked(sentence);
      for (const rule of KPI_RULES) {
        for (const hit of m.matchAll(rule.pattern)) {
          matches++;
          expect(rule.words.some((w) => m.includes(w)), `${rule.pattern} matched "${hit[0]}" with none of ${rule.words}`).toBe(true);
        }
      }
    }
    expect(matches).toBeGreaterThan(100);
  });
});
