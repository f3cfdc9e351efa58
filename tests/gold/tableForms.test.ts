// The table-form fixtures (tests/fixtures/table-forms) carry the same three reports as an HTML page with the
// template's real spans, markdown, DOCX, PDF, LibreOffice's one-cell-per-line text and pdftotext -layout text.
// Their gold labels are only worth scoring against if every form holds the same table, the table keeps the
// template's own sums, and every gold value is the cell the catalogue names in that table.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/cli.js";
import { expectCatalogueFact, expectCatalogueMeta, readGoldFacts } from "./labels.js";

const DIR = join(REPO, "tests", "fixtures", "table-forms");
const FORMS = ["html/NAME.html", "md/NAME.md", "cells/NAME.txt", "layout/NAME.txt", "docx/NAME.docx", "pdf/NAME.pdf"];
const names = readdirSync(join(DIR, "gold"))
  .filter((f) => f.endsWith(".jsonl"))
  .map((f) => f.slice(0, -6))
  .sort();
const read = (form: string, name: string) => readFileSync(join(DIR, form.replace("NAME", name)), "utf8");
const isNumber = (s: string) => /^-?\d+(\.\d+)?$/.test(s);

/** The markdown tables as rows of cells, in document order. */
function mdRows(md: string): string[][] {
  return md
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|( --- \|)+$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
}
/** A row's trailing numbers, found by its label (the row-label cell, wherever the spans put it). */
function numbersOf(rows: string[][], label: string): number[] {
  const row = rows.find((r) => r.includes(label));
  if (!row) throw new Error(`no row ${label}`);
  return row
    .slice(row.indexOf(label) + 1)
    .filter(isNumber)
    .map(Number);
}

const GRANTED = "（一）予以公开",
  PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
const T3_LEAVES_2019 = [
  GRANTED,
  PARTLY,
  "1.属于国家秘密",
  "2.其他法律行政法规禁止公开",
  "3.危及“三安全一稳定”",
  "4.保护第三方合法权益",
  "5.属于三类内部事务信息",
  "6.属于四类过程性信息",
  "7.属于行政执法案卷",
  "8.属于行政查询事项",
  "1.本机关不掌握相关政府信息",
  "2.没有现成信息需要另行制作",
  "3.补正后申请内容仍不明确",
  "1.信访举报投诉类申请",
  "2.重复申请",
  "3.要求提供公开出版物",
  "4.无正当理由大量反复申请",
  "5.要求行政机关确认或重新出具已获取信息",
];
const OTHER_2019 = ["（六）其他处理"];
const OTHER_2021 = [
  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  "3.其他",
];
const NEW = "一、本年新收政府信息公开申请数量",
  CARRIED_IN = "二、上年结转政府信息公开申请数量",
  CLOSED = "（七）总计",
  CARRIED_OUT = "四、结转下年度继续办理";

/** The width of each row of an HTML table once rowspans and colspans are laid out on a grid. */
function gridWidths($: cheerio.CheerioAPI, table: Parameters<cheerio.CheerioAPI>[0]): number[] {
  const taken: number[] = [];
  return $(table)
    .find("tr")
    .toArray()
    .map((tr, i) => {
      let col = 0;
      for (const td of $(tr).children("td").toArray()) {
        while ((taken[col] ?? -1) >= i) col++;
        const cs = Number($(td).attr("colspan") ?? 1),
          rs = Number($(td).attr("rowspan") ?? 1);
        for (let k = 0; k < cs; k++) taken[col + k] = i + rs - 1;
        col += cs;
      }
      while ((taken[col] ?? -1) >= i) col++;
      return col;
    });
}

describe.each(names)("table forms of %s", (name) => {
  const md = read("md/NAME.md", name);
  const rows = mdRows(md);
  const template = md.includes("本年制发件数") ? 2021 : 2019;
  const gold = readGoldFacts(join(DIR, "gold", `${name}.jsonl`));

  it("exist in every form, with the real report's metadata", () => {
    for (const form of FORMS) expect(existsSync(join(DIR, form.replace("NAME", name))), form).toBe(true);
    expect(expectCatalogueMeta(join(DIR, "gold", `${name}.meta.json`))).toEqual(
      JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "real-gold", `${name}.meta.json`), "utf8")),
    );
  });

  it("keep the template's sums (table 三's rows, columns and outcomes; table 四's three groups)", () => {
    const leaves = [...T3_LEAVES_2019, ...(template === 2019 ? OTHER_2019 : OTHER_2021)].map((l) => numbersOf(rows, l));
    const [n, ci, cl, co] = [NEW, CARRIED_IN, CLOSED, CARRIED_OUT].map((l) => numbersOf(rows, l)) as [number[], number[], number[], number[]];
    const at = (row: number[], j: number) => row[j] ?? Number.NaN;
    for (const row of [n, ci, cl, co, ...leaves]) {
      expect(row).toHaveLength(7);
      expect(row.slice(0, 6).reduce((a, b) => a + b, 0)).toBe(row[6]);
    }
    for (let j = 0; j < 7; j++) {
      expect(at(n, j) + at(ci, j)).toBe(at(cl, j) + at(co, j));
      expect(leaves.reduce((a, r) => a + at(r, j), 0)).toBe(at(cl, j));
    }
    const t4 = rows.find((r) => r.length === 15 && r.every(isNumber))!.map(Number);
    for (const g of [0, 5, 10]) expect(t4.slice(g, g + 4).reduce((a, b) => a + b, 0)).toBe(t4[g + 4]);
  });

  it("label every cell the catalogue names with the value in that cell", () => {
    const clean = md
      .split("\n")
      .map((l) => l.replace(/^\|\s*|\s*\|$/g, "").replace(/\s*\|\s*/g, " "))
      .join("\n");
    const byMetric = new Map<string, number[]>();
    for (const fact of gold) {
      expectCatalogueFact(fact, `${name}.html`, clean);
      byMetric.set(fact.metric, [...(byMetric.get(fact.metric) ?? []), fact.value!]);
    }
    const perRow = (label: string, i: number) => numbersOf(rows, label)[i];
    const decision = template === 2019 ? 2 : 0;
    const t4 = rows.find((r) => r.length === 15 && r.every(isNumber))!.map(Number);
    const expected: Record<string, number | undefined> = {
      "disclosure.rules_issued": perRow("规章", 0),
      "disclosure.rules_in_force": perRow("规章", 2),
      "disclosure.normative_issued": perRow(template === 2019 ? "规范性文件" : "行政规范性文件", 0),
      "disclosure.normative_in_force": perRow(template === 2019 ? "规范性文件" : "行政规范性文件", 2),
      "approvals.licensing_decisions": perRow("行政许可", decision),
      "penalties.decisions": perRow("行政处罚", decision),
      "penalties.coercive_decisions": perRow("行政强制", decision),
      "disclosure.requests": perRow(NEW, 6),
      "disclosure.requests_carried_in": perRow(CARRIED_IN, 6),
      "disclosure.requests_granted": perRow(GRANTED, 6),
      "disclosure.requests_partly_granted": perRow(PARTLY, 6),
      "disclosure.requests_closed": perRow(CLOSED, 6),
      "disclosure.requests_carried_out": perRow(CARRIED_OUT, 6),
      "disputes.reconsiderations": t4[4],
      "disputes.reconsiderations_corrected": t4[1],
      "disputes.lawsuits": t4[9],
      "disputes.lawsuits_corrected": t4[6],
      "disputes.lawsuits_after_review": t4[14],
    };
    if (template === 2021) expected["disclosure.fees"] = Math.round((perRow("行政事业性收费", 0) ?? Number.NaN) * 1e6) / 100;
    for (const [metric, value] of Object.entries(expected)) {
      expect(value, metric).toBeTypeOf("number");
      expect(byMetric.get(metric), metric).toContain(value);
    }
    if (template === 2019) expect(byMetric.has("disclosure.fees"), "2019 template has no fee amount").toBe(false);
  });

  it("HTML: the template's rowspan/colspan grid, cell for cell the same table as the markdown", () => {
    const $ = cheerio.load(read("html/NAME.html", name));
    const tables = $(".TRS_Editor table").toArray();
    expect(tables).toHaveLength(3);
    expect(tables.map((t) => new Set(gridWidths($, t)))).toEqual([new Set([4]), new Set([10]), new Set([15])]);
    const htmlRows = tables.flatMap((t) =>
      $(t)
        .find("tr")
        .toArray()
        .map((tr) =>
          $(tr)
            .children("td")
            .toArray()
            .map((td) => $(td).text().trim()),
        ),
    );
    expect(htmlRows).toEqual(rows);
    expect($("td[rowspan]").length).toBeGreaterThan(5);
  });

  it("PDF text and one-cell-per-line text carry each table 三 row and table 四's cells in order", () => {
    const layout = read("layout/NAME.txt", name).replace(/\s+/g, " ");
    const cells = read("cells/NAME.txt", name)
      .split("\n")
      .map((l) => l.replace(/^\uFEFF/, "").trim());
    for (const label of [NEW, CARRIED_IN, GRANTED, CLOSED, CARRIED_OUT]) {
      const nums = numbersOf(rows, label);
      expect(layout).toContain(` ${nums.join(" ")} `);
      const at = cells.indexOf(label);
      expect(at, label).toBeGreaterThanOrEqual(0);
      expect(cells.slice(at + 1, at + 8).map(Number)).toEqual(nums);
    }
    const t4 = rows.find((r) => r.length === 15 && r.every(isNumber))!;
    expect(layout).toContain(` ${t4.join(" ")} `);
    expect(cells.join("\n")).toContain(t4.join("\n"));
  });
});
