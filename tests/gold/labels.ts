// Shared checks for gold label files (NAME.jsonl facts, NAME.meta.json metadata) as ../shared/tools/score.mjs reads them.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { isMetricCode, metricDef } from "../../schemas/metrics.js";

export interface GoldFact {
  doc: string;
  metric: string;
  value: number | null;
  approx: string;
  redacted: boolean;
  qualifier: string | null;
  scope: string | null;
  evidence: string;
}

const FACT_FIELDS = ["doc", "metric", "value", "approx", "redacted", "qualifier", "scope", "evidence"];
const META_FIELDS = ["org_name", "province", "city", "county", "admin_level", "region_code", "report_year", "published_date"];

export function readGoldFacts(path: string): GoldFact[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldFact);
}

/** The catalogue's fact shape; `source` is the text every evidence must be quoted from, verbatim. */
export function expectCatalogueFact(fact: GoldFact, doc: string, source: string): void {
  expect(Object.keys(fact)).toEqual(FACT_FIELDS);
  expect(fact.doc).toBe(doc);
  expect(isMetricCode(fact.metric), fact.metric).toBe(true);
  expect(["exact", "approx", "at_least", "at_most"]).toContain(fact.approx);
  expect(fact.value === null).toBe(fact.redacted === true);
  expect(fact.qualifier !== null, `${fact.metric} qualifier`).toBe(metricDef(fact.metric).qualified);
  expect(source.includes(fact.evidence), fact.evidence).toBe(true);
  expect([...fact.evidence].length).toBeLessThanOrEqual(200);
}

export function expectCatalogueMeta(path: string): Record<string, unknown> {
  const meta = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  expect(Object.keys(meta)).toEqual(META_FIELDS);
  expect(meta.region_code).toMatch(/^\d{6}$/);
  return meta;
}
