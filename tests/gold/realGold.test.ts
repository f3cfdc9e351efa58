// The real-corpus gold labels are the yardstick for the extractor: a malformed line, a code that is not in the
// registry or an evidence string that is not in the report would silently skew every score measured against them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SHARED } from "../helpers/cli.js";
import { expectCatalogueFact, expectCatalogueMeta, readGoldFacts } from "./labels.js";

const GOLD = join(REPO, "tests", "fixtures", "real-gold");
const CORPUS = join(SHARED, "corpus", "real");
const stems = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4))
  .sort();

describe("real-corpus gold labels", () => {
  it("label every report of the corpus, facts and metadata", () => {
    expect(stems.length).toBe(15);
    for (const stem of stems) {
      expect(existsSync(join(GOLD, `${stem}.jsonl`)), stem).toBe(true);
      expect(existsSync(join(GOLD, `${stem}.meta.json`)), stem).toBe(true);
    }
  });

  it.each(stems)("%s: every fact follows the catalogue and quotes its report verbatim", (stem) => {
    const report = readFileSync(join(CORPUS, `${stem}.txt`), "utf8");
    for (const fact of readGoldFacts(join(GOLD, `${stem}.jsonl`))) {
      expectCatalogueFact(fact, `${stem}.txt`, report);
      if (fact.metric.startsWith("disputes.") && fact.evidence.startsWith("行政复议")) expect(fact.scope).toBe("政府信息公开");
    }
  });

  it.each(stems)("%s: metadata has every field, a GB/T 2260 code and the archive's publication date", (stem) => {
    const meta = expectCatalogueMeta(join(GOLD, `${stem}.meta.json`));
    const header = readFileSync(join(CORPUS, `${stem}.txt`), "utf8").match(/^发布时间: (\d{4}-\d{2}-\d{2})/m);
    expect(meta.published_date).toBe(header?.[1]);
  });
});
