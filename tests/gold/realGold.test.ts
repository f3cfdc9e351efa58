// The real-corpus gold labels are the yardstick for the extractor: a malformed line, a code that is not in the
// registry or an evidence string that is not in the report would silently skew every score measured against them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMetricCode, metricDef } from "../../schemas/metrics.js";
import { REPO, SHARED } from "../helpers/cli.js";

const GOLD = join(REPO, "tests", "fixtures", "real-gold");
const CORPUS = join(SHARED, "corpus", "real");
const FACT_FIELDS = ["doc", "metric", "value", "approx", "redacted", "qualifier", "scope", "evidence"];
const META_FIELDS = ["org_name", "province", "city", "county", "admin_level", "region_code", "report_year", "published_date"];

const stems = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();

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
    const lines = readFileSync(join(GOLD, `${stem}.jsonl`), "utf8").split("\n").filter((l) => l.trim());
    for (const line of lines) {
      const fact = JSON.parse(line);
      expect(Object.keys(fact)).toEqual(FACT_FIELDS);
      expect(fact.doc).toBe(`${stem}.txt`);
      expect(isMetricCode(fact.metric), fact.metric).toBe(true);
      expect(["exact", "approx", "at_least", "at_most"]).toContain(fact.approx);
      expect(fact.value === null).toBe(fact.redacted === true);
      expect(fact.qualifier !== null, `${fact.metric} qualifier`).toBe(metricDef(fact.metric).qualified);
      expect(report.includes(fact.evidence), fact.evidence).toBe(true);
      expect([...fact.evidence].length).toBeLessThanOrEqual(200);
      if (fact.metric.startsWith("disputes.") && /^行政复议/.test(fact.evidence)) expect(fact.scope).toBe("政府信息公开");
    }
  });

  it.each(stems)("%s: metadata has every field, a GB/T 2260 code and the archive's publication date", (stem) => {
    const meta = JSON.parse(readFileSync(join(GOLD, `${stem}.meta.json`), "utf8"));
    expect(Object.keys(meta)).toEqual(META_FIELDS);
    expect(meta.region_code).toMatch(/^\d{6}$/);
    const header = readFileSync(join(CORPUS, `${stem}.txt`), "utf8").match(/^发布时间: (\d{4}-\d{2}-\d{2})/m);
    expect(meta.published_date).toBe(header?.[1]);
  });
});
