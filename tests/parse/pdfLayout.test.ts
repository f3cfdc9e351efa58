// The pure layout rules, on hand-placed lines: which lines are page furniture, which lines join.
import { describe, expect, it } from "vitest";
import { linesOf, paragraphs, type PdfLine, withoutFurniture } from "../../pipelines/stages/parse/pdfLayout.ts";

const line = (text: string, y: number, x = 72, right = 523, size = 12): PdfLine => ({ text, x, right, y, size });

describe("withoutFurniture", () => {
  it.each(["— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 12 页", "3/12", "Page 3 of 12"])("drops the page number %s at a page edge", (number) => {
    const page = [line("正文第一行。", 770), line("正文第二行。", 750), line("正文第三行。", 730), line(number, 36, 280, 320)];
    expect(withoutFurniture([page])[0]!.map((l) => l.text)).not.toContain(number);
  });

  it("drops a header repeated at the same height, keeps the same words elsewhere and numbers in the body", () => {
    const page = (n: number, first: string) => [line("某某局年度报告", 800), line(first, 770), line("全年办理案件", 750, 72, 200), line("120", 730), line(n === 1 ? "件。" : "宗。", 710), line(`${n}`, 36)];
    const [p1, p2] = withoutFurniture([page(1, "某某局年度报告"), page(2, "正文。")]);
    expect(p1!.map((l) => l.text)).toEqual(["某某局年度报告", "全年办理案件", "120", "件。"]);
    expect(p2!.map((l) => l.text)).toEqual(["正文。", "全年办理案件", "120", "宗。"]);
  });
});

describe("paragraphs", () => {
  it("joins a line that runs to the margin without ending a sentence, across a page break too", () => {
    const lines = [
      line("某某局2023年法治政府建设年度报告", 800, 150, 440, 16),
      line("一、基本情况", 770, 96, 200),
      line("全年办理行政处罚案件120件，罚没", 750, 96),
      line("款45.6万元。", 730, 72, 150),
      line("（一）受理信访事项300件，其中网上信访", 770, 96),
      line("210件。", 750, 72, 120),
      line("Rule of", 730, 96),
      line("law.", 710),
    ];
    expect(paragraphs(lines)).toEqual([
      "某某局2023年法治政府建设年度报告",
      "一、基本情况",
      "全年办理行政处罚案件120件，罚没款45.6万元。",
      "（一）受理信访事项300件，其中网上信访210件。",
      "Rule of law.",
    ]);
  });

  it("does not join after a sentence end, before an indented line or a heading, or across type sizes", () => {
    const lines = [line("第一段结束。", 770), line("第二段", 750), line("    第三段缩进", 730, 96), line("（二）标题", 710), line("小字注释", 690, 72, 523, 9)];
    expect(paragraphs(lines)).toHaveLength(5);
  });
});

describe("linesOf", () => {
  it("groups runs by baseline, orders them left to right, spaces Latin runs but not CJK ones", () => {
    const runs = [
      { str: "处罚", x: 120, y: 700, width: 24, size: 12 },
      { str: "行政", x: 96, y: 700.5, width: 24, size: 12 },
      { str: "2023", x: 72, y: 680, width: 24, size: 12 },
      { str: "Annual", x: 100, y: 680, width: 36, size: 12 },
    ];
    expect(linesOf(runs).map((l) => l.text)).toEqual(["行政处罚", "2023 Annual"]);
  });
});
