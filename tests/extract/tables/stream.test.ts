// Tables read from running text: sections 二–四 of real reports whose tables reached the text flattened
// (labels and digits run together, stray spaces), in both templates, with their consistency checks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTables } from "../../../pipelines/stages/extract/tables/index.ts";
import { Check, Fact } from "../../../schemas/messages.ts";

const fixture = (name: string) => readFileSync(`tests/fixtures/disclosure-tables/${name}`, "utf8");

function read(text: string) {
  const { facts, checks } = readTables(text);
  for (const f of facts) {
    Fact.parse(f);
    expect(text.slice(f.offset, f.offset + f.evidence.length)).toBe(f.evidence);
  }
  for (const c of checks) Check.parse(c);
  return { values: Object.fromEntries(facts.map((f) => [f.metric, f.value])), facts, checks };
}

const failed = (checks: Check[]) => checks.filter((c) => c.passed === false).map((c) => `${c.name} ${c.subject} ${c.expected} ${c.actual}`);

describe("the 2021 template, flattened (平潭综合实验区 2021)", () => {
  const { values, facts, checks } = read(fixture("flattened-pingtan-2021.txt"));

  it("reads 二's one-cell rows and the fee in 万元, but not 行政规范性文件693665 (no sum ties its three cells)", () => {
    expect(values).toMatchObject({
      "disclosure.rules_issued": 0,
      "disclosure.rules_in_force": 0,
      "approvals.licensing_decisions": 2293,
      "penalties.decisions": 1282,
      "penalties.coercive_decisions": 42,
      "disclosure.fees": 242523110.82,
    });
    expect(values).not.toHaveProperty("disclosure.normative_issued");
    expect(values).not.toHaveProperty("disclosure.normative_in_force");
  });

  it("reads 三's 总计 column and 四's fifteen cells, 四 scoped to 政府信息公开", () => {
    expect(values).toMatchObject({
      "disclosure.requests": 70,
      "disclosure.requests_carried_in": 0,
      "disclosure.requests_granted": 30,
      "disclosure.requests_partly_granted": 5,
      "disclosure.requests_closed": 69,
      "disclosure.requests_carried_out": 1,
      "disputes.reconsiderations": 3,
      "disputes.reconsiderations_corrected": 0,
      "disputes.lawsuits": 12,
      "disputes.lawsuits_after_review": 0,
      "disputes.lawsuits_corrected": 0,
    });
    expect(facts.filter((f) => f.family === "disputes").every((f) => f.scope === "政府信息公开")).toBe(true);
    expect(facts.find((f) => f.metric === "disclosure.requests")!.evidence).toBe("一、本年新收政府信息公开申请数量640020470");
  });

  it("checks every sum of 三 and 四, all passing, with their numbers", () => {
    expect(checks.filter((c) => c.name === "requests.applicants_total")).toHaveLength(25);
    expect(checks.filter((c) => c.name === "requests.balance")).toHaveLength(7);
    expect(checks.filter((c) => c.name === "requests.outcomes_total")).toHaveLength(7);
    expect(checks.filter((c) => c.name === "disputes.group_total")).toHaveLength(3);
    expect(failed(checks)).toEqual([]);
    expect(checks.find((c) => c.name === "requests.balance" && c.subject === "总计")).toMatchObject({
      expected: 70,
      actual: 70,
      passed: true,
      detail: "70 + 0 = 69 + 1",
    });
  });
});

describe("the 2019 template, flattened (平潭综合实验区 2019)", () => {
  const { values, checks } = read(fixture("flattened-pingtan-2019.txt"));

  it("reads 对外公开总数量 as in force, and no 处理决定数量 that 上一年项目数量 and 本年增/减 leave open", () => {
    expect(values).toMatchObject({ "disclosure.rules_issued": 0, "disclosure.rules_in_force": 0 });
    for (const metric of [
      "approvals.licensing_decisions",
      "penalties.decisions",
      "penalties.coercive_decisions",
      "disclosure.fees",
      "disclosure.normative_issued",
    ]) {
      expect(values).not.toHaveProperty(metric);
    }
  });

  it("reads 三 with its one-row （六）其他处理 and stray spaces (230 000023, 23 0 00 0 023)", () => {
    expect(values).toMatchObject({
      "disclosure.requests": 23,
      "disclosure.requests_carried_in": 0,
      "disclosure.requests_granted": 7,
      "disclosure.requests_partly_granted": 1,
      "disclosure.requests_closed": 23,
      "disclosure.requests_carried_out": 0,
      "disputes.reconsiderations": 0,
      "disputes.lawsuits": 0,
    });
    expect(checks.filter((c) => c.name === "requests.applicants_total")).toHaveLength(23);
    expect(failed(checks)).toEqual([]);
  });
});

describe("consistency failures found in real reports", () => {
  it("flags 一 + 二 ≠ （七） + 四 (平潭公安 2021: 1 new request, 1 closed and 1 carried over) and still reads the cells", () => {
    const { values, checks } = read(fixture("flattened-pingtan-gongan-2021.txt"));
    expect(failed(checks)).toEqual(["requests.balance 自然人 2 1", "requests.balance 总计 2 1"]);
    expect(values).toMatchObject({ "disclosure.requests": 1, "disclosure.requests_closed": 1, "disclosure.requests_carried_out": 1 });
    // 本年废纸件数 (sic) is an unknown header word, still a column: 行政规范性文件002 is 0 | 0 | 2
    expect(values).toMatchObject({ "disclosure.normative_issued": 0, "disclosure.normative_in_force": 2, "penalties.decisions": 141 });
  });

  it("flags outcome rows that add up to more than （七）总计 (平潭 2020: 26 against 20)", () => {
    const { checks } = read(fixture("flattened-pingtan-2020.txt"));
    expect(failed(checks)).toEqual(["requests.outcomes_total 自然人 20 26", "requests.outcomes_total 总计 21 27"]);
  });

  it("reads a table with spaces between some cells (平潭自然资源 2022: 01 0 1 20 0 0 0 0 0 0 0 00)", () => {
    const { values, checks } = read(fixture("flattened-pingtan-ziranziyuan-2022.txt"));
    expect(values).toMatchObject({
      "disputes.reconsiderations": 2,
      "disputes.reconsiderations_corrected": 1,
      "disputes.lawsuits": 0,
      "disclosure.requests": 30,
    });
    expect(failed(checks)).toEqual([]);
  });
});

describe("PDF text with aligned columns (pdftotext -layout)", () => {
  it("reads a header whose labels wrap around the row of another (本年新公开数 / 量) by the template's header", () => {
    const text = `二、主动公开政府信息情况
                       第二十条第（一）项
                       本年新公开数
     信息内容   本年新制作数量                  对外公开总数量
                         量
规章             0            0              4
规范性文件          12           12             57
`;
    expect(read(text).values).toEqual({
      "disclosure.rules_issued": 0,
      "disclosure.rules_in_force": 4,
      "disclosure.normative_issued": 12,
      "disclosure.normative_in_force": 57,
    });
  });

  it("reads 四 under header words wrapped and interleaved over several lines", () => {
    const text = `四、政府信息公开行政复议、行政诉讼情况
          行政复议                                            行政诉讼
                                       未经复议直接起诉                            复议后起诉
结果   结果    其他     尚未
                       总计
维持   纠正    结果     审结          结果       结果   其他   尚未            结果      结果      其他   尚未
                                                      总计                                 总计
                              维持       纠正   结果   审结            维持      纠正      结果   审结
 4   1        0    2      7   3       0    0    1        4       1   0       0    0    1
五、存在的主要问题及改进情况`;
    const { values, checks } = read(text);
    expect(values).toEqual({
      "disputes.reconsiderations": 7,
      "disputes.reconsiderations_corrected": 1,
      "disputes.lawsuits": 4,
      "disputes.lawsuits_corrected": 0,
      "disputes.lawsuits_after_review": 1,
    });
    expect(failed(checks)).toEqual([]);
  });
});

describe("what is not a table", () => {
  it("reads nothing from prose that uses the tables' words", () => {
    const prose = "2022年，全局共作出行政处罚决定1282件，行政许可2293件，行政强制措施42件；收到政府信息公开申请70件，予以公开30件。";
    expect(readTables(prose)).toEqual({ facts: [], checks: [] });
  });

  it("reads nothing from a 四 whose cells are not there", () => {
    const text = "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计 本年度未发生行政复议，2件行政诉讼。";
    expect(readTables(text).facts).toEqual([]);
  });
});
