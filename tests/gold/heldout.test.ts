// The held-out set (tests/fixtures/heldout) stands in for the grader's held-back reports: scores measured against
// it are only worth anything if its labels are well-formed, quote their report, name real regions, and read the
// standard tables the way the catalogue says (every named cell of a real table; only forced cells of a flattened run).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { regionByCode } from "../../schemas/regions.js";
import { agreed, splits, t4Solutions } from "../fixtures/heldout/make/tables.mjs";
import { REPO } from "../helpers/cli.js";
import { expectCatalogueFact, expectCatalogueMeta, readGoldFacts, type GoldFact } from "./labels.js";

const DIR = join(REPO, "tests", "fixtures", "heldout");
const docs = readdirSync(DIR)
  .filter((f) => /\.(html|txt)$/.test(f))
  .sort();
const stem = (doc: string) => doc.replace(/\.[^.]+$/, "");
const squash = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, "");
const halfWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

type Form = "html" | "layout" | "flat" | "text";
function formOf(doc: string, raw: string): Form {
  if (doc.endsWith(".html")) return "html";
  if (existsSync(join(DIR, "pdf", `${stem(doc)}.pdf`))) return "layout";
  return raw.split("\n").some((l) => l.length > 2000) ? "flat" : "text";
}
const raw = (doc: string) => readFileSync(join(DIR, doc), "utf8");
const readable = (doc: string) => (doc.endsWith(".html") ? cheerio.load(raw(doc)).text() : raw(doc));
const gold = (doc: string) => readGoldFacts(join(DIR, "gold", `${stem(doc)}.jsonl`));

// The catalogue's table cells: a row label and the cell of the row that is the fact (table 三: its 总计).
const T2_CELLS: Record<string, { labels: string[]; cell: { 2019: number; 2021: number } }> = {
  "disclosure.rules_issued": { labels: ["规章"], cell: { 2019: 0, 2021: 0 } },
  "disclosure.rules_in_force": { labels: ["规章"], cell: { 2019: 2, 2021: 2 } },
  "disclosure.normative_issued": { labels: ["规范性文件", "行政规范性文件"], cell: { 2019: 0, 2021: 0 } },
  "disclosure.normative_in_force": { labels: ["规范性文件", "行政规范性文件"], cell: { 2019: 2, 2021: 2 } },
  "approvals.licensing_decisions": { labels: ["行政许可"], cell: { 2019: 2, 2021: 0 } },
  "penalties.decisions": { labels: ["行政处罚"], cell: { 2019: 2, 2021: 0 } },
  "penalties.coercive_decisions": { labels: ["行政强制"], cell: { 2019: 2, 2021: 0 } },
  "disclosure.fees": { labels: ["行政事业性收费"], cell: { 2019: -1, 2021: 0 } },
};
const T3_ROWS: Record<string, string> = {
  "disclosure.requests": "一、本年新收政府信息公开申请数量",
  "disclosure.requests_carried_in": "二、上年结转政府信息公开申请数量",
  "disclosure.requests_granted": "（一）予以公开",
  "disclosure.requests_partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
  "disclosure.requests_closed": "（七）总计",
  "disclosure.requests_carried_out": "四、结转下年度继续办理",
};
const T4_CELLS: Record<string, number> = {
  "disputes.reconsiderations": 4,
  "disputes.reconsiderations_corrected": 1,
  "disputes.lawsuits": 9,
  "disputes.lawsuits_corrected": 6,
  "disputes.lawsuits_after_review": 14,
};
const T3_LEAF = /^(（一）予以公开|（二）部分公开|\d\.|（六）其他处理$)/;
const isNumber = (s: string) => /^-?\d+(\.\d+)?$/.test(s);
/** Whether a fact was read from a standard table (its evidence is the row: label, then cells) rather than from prose. */
const fromTable = (f: GoldFact) =>
  (f.metric in T2_CELLS && T2_CELLS[f.metric]!.labels.some((l) => new RegExp(`^${l}[\\s\\d.-]+$`).test(f.evidence))) ||
  (f.metric in T3_ROWS && new RegExp(`${T3_ROWS[f.metric]!.replace(/[()（）]/g, "\\$&")}[\\s\\d]+$`).test(f.evidence)) ||
  (f.metric in T4_CELLS && /^[\d\s]+$|总计[\d\s]+$/.test(f.evidence));
const templateOf = (text: string) => (text.includes("本年制发件数") ? 2021 : 2019);

describe("held-out set", () => {
  it("holds 14–18 reports in every form, each with gold facts and metadata, and no gold without its report", () => {
    expect(docs.length).toBeGreaterThanOrEqual(14);
    expect(docs.length).toBeLessThanOrEqual(18);
    for (const doc of docs) {
      expect(existsSync(join(DIR, "gold", `${stem(doc)}.jsonl`)), doc).toBe(true);
      expect(existsSync(join(DIR, "gold", `${stem(doc)}.meta.json`)), doc).toBe(true);
    }
    const stems = new Set(docs.map(stem));
    for (const f of readdirSync(join(DIR, "gold"))) expect(stems.has(f.replace(/\.(meta\.json|jsonl)$/, "")), f).toBe(true);
    expect(new Set(docs.map((d) => formOf(d, raw(d))))).toEqual(new Set(["html", "layout", "flat", "text"]));
    const templates = docs.filter((d) => readable(d).includes("本年新收政府信息公开申请数量")).map((d) => templateOf(readable(d)));
    expect(new Set(templates)).toEqual(new Set([2019, 2021]));
  });

  it.each(docs)("%s: every fact follows the catalogue and quotes its report", (doc) => {
    const text = readable(doc);
    const form = formOf(doc, raw(doc));
    for (const fact of gold(doc)) {
      expect([...fact.evidence].length).toBeLessThanOrEqual(200);
      // flattened and plain text are quoted verbatim; a page's text and PDF text as they read, line breaks aside
      if (form === "flat" || form === "text") expectCatalogueFact(fact, doc, text);
      else expectCatalogueFact({ ...fact, evidence: squash(fact.evidence) }, doc, squash(text));
      if (fact.metric in T4_CELLS && fromTable(fact)) expect(fact.scope).toBe("政府信息公开");
    }
  });

  it.each(docs)("%s: metadata names a real GB/T 2260 region, the report's year and its own date", (doc) => {
    const meta = expectCatalogueMeta(join(DIR, "gold", `${stem(doc)}.meta.json`));
    const region = regionByCode(String(meta.region_code));
    expect(region, String(meta.region_code)).not.toBeNull();
    expect(meta.province).toBe(region!.province);
    expect(meta.admin_level).toBe(region!.level);
    expect(meta.city).toBe(region!.level === "province" ? null : region!.city);
    expect(meta.county).toBe(region!.level === "county" ? region!.county : null);
    const text = halfWidth(squash(readable(doc)));
    expect(text).toContain(squash(String(meta.org_name)));
    expect(text).toContain(`${meta.report_year}年`);
    const [y, m, d] = String(meta.published_date).split("-");
    expect(
      [`${y}-${m}-${d}`, `${y}年${Number(m)}月${Number(d)}日`].some((s) => text.includes(s)),
      String(meta.published_date),
    ).toBe(true);
  });

  const pages = docs.filter((d) => d.endsWith(".html") && cheerio.load(raw(d))("table:not(.xxgk-meta)").length);
  it.each(pages)("%s: the tables keep the template's sums and every named cell is labelled with its value", (doc) => {
    const $ = cheerio.load(raw(doc));
    const rows = $("table:not(.xxgk-meta) tr")
      .toArray()
      .map((tr) =>
        $(tr)
          .children("td,th")
          .toArray()
          .map((c) =>
            $(c)
              .text()
              .replace(/\u00a0/g, " ")
              .trim(),
          ),
      );
    const numbers = (label: string) => {
      const row = rows.find((r) => r.includes(label));
      if (!row) throw new Error(`no row ${label}`);
      return row
        .slice(row.indexOf(label) + 1)
        .filter(isNumber)
        .map(Number);
    };
    const template = templateOf(readable(doc));
    const expected = new Map<string, number>();
    for (const [metric, { labels, cell }] of Object.entries(T2_CELLS)) {
      const label = labels.find((l) => rows.some((r) => r.includes(l)) && (template === 2019 || l !== "规范性文件"))!;
      if (cell[template] < 0) continue;
      const v = numbers(label)[cell[template]]!;
      expected.set(metric, metric === "disclosure.fees" ? Math.round(v * 1e6) / 100 : v);
    }
    for (const [metric, label] of Object.entries(T3_ROWS)) expected.set(metric, numbers(label)[6]!);
    const t4 = rows.find((r) => r.length === 15 && r.every(isNumber))!.map(Number);
    for (const [metric, i] of Object.entries(T4_CELLS)) expected.set(metric, t4[i]!);
    // the sums: each row's applicants add up to 总计; 一 + 二 = 三（七） + 四 and the outcomes add up to （七）, per column
    const leaves = rows
      .map((r) => r.filter((c) => !isNumber(c)).pop() ?? "")
      .map((label, i) => ({ label, nums: rows[i]!.filter(isNumber).map(Number) }))
      .filter(({ label, nums }) => nums.length === 7 && T3_LEAF.test(label));
    const [n, ci, cl, co] = ["disclosure.requests", "disclosure.requests_carried_in", "disclosure.requests_closed", "disclosure.requests_carried_out"].map(
      (m) => numbers(T3_ROWS[m]!),
    );
    for (let j = 0; j < 7; j++) {
      expect(n![j]! + ci![j]!).toBe(cl![j]! + co![j]!);
      expect(leaves.reduce((a, l) => a + l.nums[j]!, 0)).toBe(cl![j]);
    }
    for (const g of [0, 5, 10]) expect(t4.slice(g, g + 4).reduce((a, b) => a + b, 0)).toBe(t4[g + 4]);
    const labelled = gold(doc).filter(fromTable);
    expect(new Map(labelled.map((f) => [f.metric, f.value]))).toEqual(expected);
  });

  const flats = docs.filter((d) => formOf(d, raw(d)) === "flat" && raw(d).includes("本年新收政府信息公开申请数量"));
  it.each(flats)("%s: a flattened table's facts are cells the template's sums force", (doc) => {
    const template = templateOf(raw(doc));
    const labelled = gold(doc).filter(fromTable);
    expect(labelled.length).toBeGreaterThan(5);
    for (const f of labelled) {
      if (f.metric in T2_CELLS) {
        const { labels, cell } = T2_CELLS[f.metric]!;
        const label = labels.filter((l) => f.evidence.startsWith(l)).sort((a, b) => b.length - a.length)[0]!;
        const run = f.evidence.slice(label.length);
        const width = template === 2019 || /^规章|规范性文件/.test(label) ? 3 : 1;
        const cands = splits(run, width, { signed: template === 2019 ? [1] : [], decimal: f.metric === "disclosure.fees" ? [0] : [] });
        const v = agreed(cands, width === 1 ? 0 : cell[template]);
        expect(v === undefined ? undefined : f.metric === "disclosure.fees" ? Math.round(v * 1e6) / 100 : v, f.evidence).toBe(f.value);
      } else if (f.metric in T3_ROWS) {
        const run = f.evidence.slice(f.evidence.indexOf(T3_ROWS[f.metric]!) + T3_ROWS[f.metric]!.length);
        const totals = splits(run, 7)
          .filter((r) => r.slice(0, 6).reduce((a, b) => a + b, 0) === r[6])
          .map((r) => r[6]);
        expect(totals, f.evidence).toContain(f.value);
      } else {
        expect(agreed(t4Solutions(f.evidence.replace(/^\D+/, "")), T4_CELLS[f.metric]!), f.metric).toBe(f.value);
      }
    }
  });
});
