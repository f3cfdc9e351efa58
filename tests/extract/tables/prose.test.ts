// Table facts and prose facts of one report: a prose figure restating a cell is one fact; one that
// contradicts the cell stays, as the report says it, and is flagged as a failed check.
import { describe, expect, it } from "vitest";
import { extractReport } from "../../../pipelines/stages/extract/index.ts";
import { readTables } from "../../../pipelines/stages/extract/tables/index.ts";
import type { Fact } from "../../../schemas/messages.ts";

const TABLE = `三、收到和处理政府信息公开申请情况
|  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
| 一、本年新收政府信息公开申请数量 | 70 | 1 | 0 | 0 | 0 | 0 | 71 |
四、政府信息公开行政复议、行政诉讼情况
行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计200021000100000`;

const extract = (prose: string) => extractReport({ text: `${prose}\n${TABLE}`, page: { title: null, published_date: null, org: null }, site_host: null });

describe("table facts beside prose facts", () => {
  it("drops a prose figure that restates a cell, and records that they agree", () => {
    const { facts, checks } = extract("全年共收到政府信息公开申请71件。");
    expect(facts.filter((f) => f.metric === "disclosure.requests")).toEqual([
      expect.objectContaining({ value: 71, evidence: expect.stringContaining("本年新收") }),
    ]);
    expect(checks.filter((c) => c.name === "prose_vs_table")).toEqual([
      expect.objectContaining({ subject: "disclosure.requests", expected: 71, actual: 71, passed: true }),
    ]);
  });

  it("keeps a prose figure that contradicts its cell and flags it (收到申请70件 against 一 = 71)", () => {
    const { facts, checks } = extract("全年共收到政府信息公开申请70件。");
    expect(
      facts
        .filter((f) => f.metric === "disclosure.requests")
        .map((f) => f.value)
        .sort(),
    ).toEqual([70, 71]);
    expect(checks.find((c) => c.name === "prose_vs_table")).toMatchObject({
      expected: 71,
      actual: 70,
      passed: false,
      detail: "全年共收到政府信息公开申请70件",
    });
  });

  it("takes a prose count of disclosure disputes as the cell it restates, and does not flag the organisation's other disputes", () => {
    const restated = extract("因政府信息公开申请引发行政复议2件。");
    expect(restated.facts.filter((f) => f.metric === "disputes.reconsiderations")).toEqual([expect.objectContaining({ value: 2, scope: "政府信息公开" })]);
    const other = extract("全年办理行政复议案件15件。");
    expect(other.facts.filter((f) => f.metric === "disputes.reconsiderations").map((f) => [f.value, f.scope])).toEqual([
      [2, "政府信息公开"],
      [15, null],
    ]);
    expect(other.checks.filter((c) => c.name === "prose_vs_table")).toEqual([]);
  });
});

describe("prose that settles a run the sums leave open", () => {
  const T2 = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698";
  const said = (metric: string, value: number, scope: string | null = null) =>
    ({ metric, value, scope, family: "disclosure", unit: "count", approx: "exact", redacted: false, qualifier: null, evidence: "…", offset: 0 }) as Fact;
  const values = (prose: Fact[]) => Object.fromEntries(readTables(T2, prose).facts.map((f) => [f.metric, f.value]));

  it("reads the split the prose states (制发88件, 现行有效698件 beside 8855698)", () => {
    expect(values([])).not.toHaveProperty("disclosure.normative_issued");
    expect(values([said("disclosure.normative_issued", 88), said("disclosure.normative_in_force", 698)])).toMatchObject({
      "disclosure.normative_issued": 88,
      "disclosure.normative_in_force": 698,
    });
  });

  it("takes nothing from a figure that is no split's value, from two that are, or from another scope", () => {
    expect(values([said("disclosure.normative_issued", 90)])).not.toHaveProperty("disclosure.normative_issued");
    expect(values([said("disclosure.normative_issued", 88), said("disclosure.normative_issued", 8)])).not.toHaveProperty("disclosure.normative_issued");
    expect(values([said("disclosure.normative_issued", 88, "规范性文件清理")])).not.toHaveProperty("disclosure.normative_issued");
  });
});
