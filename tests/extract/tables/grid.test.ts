// Tables that keep their grid: an HTML <table> with colspan/rowspan through the parse stage becomes one line
// a row with spans repeated, and the reader knows a column by its header cells and a row by its label cells,
// not by where they stand.
import { describe, expect, it } from "vitest";
import { parseReport } from "../../../pipelines/stages/parse/index.ts";
import { readTables } from "../../../pipelines/stages/extract/tables/index.ts";

const page = (body: string) =>
  Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<div id="zoom"><p>根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>
<p>一、总体情况</p><p>2023年，我区坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，回应社会关切。</p>
${body}<p>五、存在的主要问题及改进情况</p><p>政策解读形式还不够丰富，下一步将加强解读，提升公开质量和实效。</p></div></body></html>`);

const valuesOf = (text: string) => Object.fromEntries(readTables(text).facts.map((f) => [f.metric, f.value]));

const DISPUTES = `<p>四、政府信息公开行政复议、行政诉讼情况</p><table border="1">
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>5</td><td>2</td><td>1</td><td>0</td><td>8</td><td>3</td><td>1</td><td>0</td><td>1</td><td>5</td><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td></tr>
</table>`;

describe("HTML tables through the parse stage", () => {
  it("writes a data table one row a line, each spanned cell repeated where it spans", async () => {
    const { text } = await parseReport(page(DISPUTES), "text/html");
    const lines = text.split("\n");
    expect(lines).toContain(["行政复议", "行政复议", "行政复议", "行政复议", "行政复议", ...Array(10).fill("行政诉讼")].join(" | "));
    expect(lines).toContain(
      `结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | ${[...Array(5).fill("未经复议直接起诉"), ...Array(5).fill("复议后起诉")].join(" | ")}`,
    );
    expect(lines).toContain("5 | 2 | 1 | 0 | 8 | 3 | 1 | 0 | 1 | 5 | 0 | 0 | 0 | 1 | 1");
    expect(valuesOf(text)).toEqual({
      "disputes.reconsiderations": 8,
      "disputes.reconsiderations_corrected": 2,
      "disputes.lawsuits": 5,
      "disputes.lawsuits_corrected": 1,
      "disputes.lawsuits_after_review": 1,
    });
  });

  it("leaves a layout table (a table inside a cell) as text; the small table inside it is a grid of its own", async () => {
    const layout = `<table><tr><td><table><tr><td>栏目</td><td>1</td></tr><tr><td>访问量</td><td>2</td></tr></table></td>
<td><p>全年收到政府信息公开申请12件，均按时答复。</p></td></tr></table>`;
    const { text } = await parseReport(page(layout), "text/html");
    const lines = text.split("\n");
    expect(lines).toContain("全年收到政府信息公开申请12件，均按时答复。");
    expect(lines).toContain("栏目 | 1");
    expect(readTables(text).facts).toEqual([]);
  });
});

describe("columns known by their header cells", () => {
  it("reads 三 whatever the order of its columns (总计 first, 自然人 last)", () => {
    const text = `三、收到和处理政府信息公开申请情况
|  | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 自然人 |
|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 81 | 1 | 0 | 0 | 0 | 0 | 80 |
| （一）予以公开 | 22 | 0 | 0 | 0 | 0 | 0 | 22 |`;
    expect(valuesOf(text)).toEqual({ "disclosure.requests": 81, "disclosure.requests_granted": 22 });
    const check = readTables(text).checks.find((c) => c.subject.startsWith("本年新收"));
    expect(check).toMatchObject({ name: "requests.applicants_total", expected: 81, actual: 81, passed: true });
  });

  it("reads 四's groups in another order, and a group written once over its blank-headed columns", () => {
    const text = `四、政府信息公开行政复议、行政诉讼情况
| 复议后起诉 |  |  |  |  | 未经复议直接起诉 |  |  |  |  | 行政复议 |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 |
| 1 | 1 | 0 | 0 | 0 | 6 | 2 | 3 | 1 | 0 | 9 | 4 | 4 | 0 | 1 |`;
    expect(valuesOf(text)).toEqual({
      "disputes.reconsiderations": 9,
      "disputes.reconsiderations_corrected": 4,
      "disputes.lawsuits": 6,
      "disputes.lawsuits_corrected": 3,
      "disputes.lawsuits_after_review": 1,
    });
  });

  it("reads 二's 2019 columns by name: 处理决定数量 is the third cell, 对外公开总数量 the in-force count", () => {
    const text = `| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 4 |
| 规范性文件 | 6 | 6 | 58 |
| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
| 行政许可 | 396 | -12 | 2278 |
| 行政处罚 | 2648 | -185 | 38 |`;
    expect(valuesOf(text)).toEqual({
      "disclosure.rules_issued": 0,
      "disclosure.rules_in_force": 4,
      "disclosure.normative_issued": 6,
      "disclosure.normative_in_force": 58,
      "approvals.licensing_decisions": 2278,
      "penalties.decisions": 38,
    });
  });

  it("takes a fee header in 元 as 元 and the template's 万元 otherwise; empty cells (/, —) give no fact", () => {
    expect(valuesOf("| 信息内容 | 本年收费金额（单位：元） |\n| 行政事业性收费 | 3200 |")).toEqual({ "disclosure.fees": 3200 });
    expect(valuesOf("| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 0.32 |")).toEqual({ "disclosure.fees": 3200 });
    expect(valuesOf("| 信息内容 | 本年处理决定数量 |\n| 行政许可 | / |\n| 行政处罚 | — |\n| 行政强制 | 0 |")).toEqual({ "penalties.coercive_decisions": 0 });
  });

  it("reads a headerless row of 四 by the template's order only with exactly its fifteen cells", () => {
    const row = (cells: number[]) => `四、政府信息公开行政复议、行政诉讼情况\n| ${cells.join(" | ")} |\n| 0 | 0 |`;
    expect(valuesOf(row([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toMatchObject({ "disputes.reconsiderations": 1 });
    expect(valuesOf(row([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual({});
    expect(valuesOf(`某市交通运输局\n| ${[119, 25, 91, 3, 238, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].join(" | ")} |\n| 0 | 0 |`)).toEqual({});
  });
});
