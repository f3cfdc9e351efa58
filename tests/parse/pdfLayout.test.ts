// The pure layout rules, on hand-placed lines: which lines are page furniture, which lines join.
import { describe, expect, it } from "vitest";
import { layoutPages, linesOf, paragraphs, type PdfLine, type PdfRun, withoutFurniture } from "../../pipelines/stages/parse/pdfLayout.ts";

const line = (text: string, y: number, x = 72, right = 523, size = 12): PdfLine => ({ text, x, right, y, size });

describe("withoutFurniture", () => {
  it.each(["— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 12 页", "3/12", "Page 3 of 12"])("drops the page number %s at a page edge", (number) => {
    const page = [line("正文第一行。", 770), line("正文第二行。", 750), line("正文第三行。", 730), line(number, 36, 280, 320)];
    expect(withoutFurniture([page])[0]!.map((l) => l.text)).not.toContain(number);
  });

  it("drops a header repeated at the same height, keeps the same words elsewhere and numbers in the body", () => {
    const page = (n: number, first: string) => [
      line("某某局年度报告", 800),
      line(first, 770),
      line("全年办理案件", 750, 72, 200),
      line("120", 730),
      line(n === 1 ? "件。" : "宗。", 710),
      line(`${n}`, 36),
    ];
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

/** A line of text set glyph by glyph from x at baseline y, as Chromium and LibreOffice write their text layers. */
const set = (text: string, x: number, y: number, size = 10.5): PdfRun[] => [...text].map((ch, i) => ({ str: ch, x: x + i * size, y, width: size, size }));
const readPages = (pages: PdfRun[][]) => {
  const layout = layoutPages(pages);
  return { ...layout, text: [...paragraphs(layout.pages.flat()), ...paragraphs(layout.footnotes)] };
};

describe("layoutPages", () => {
  it("reads two columns one after the other, joining lines by each column's margins, the title above them first", () => {
    const left = ["第一栏第一行文字排到右边", "第一栏第二行文字排到右边", "第一栏第三行。"];
    const right = ["第二栏第一行文字排到右边", "第二栏第二行文字排到右边", "第二栏结束。"];
    const page = [
      ...set("某某局2023年度法治政府建设情况报告", 100, 800, 15),
      ...left.flatMap((l, i) => set(l, 40, 760 - i * 16)),
      ...right.flatMap((l, i) => set(l, 320, 760 - i * 16)),
    ];
    const read = readPages([page]);
    expect(read.text).toEqual(["某某局2023年度法治政府建设情况报告", left.join(""), right.join("")]);
    expect(read.columnPages).toBe(1);
  });

  it("reads a ruled table row by row: cells between | , lines in a cell joined, the header row once", () => {
    const page = (first: number, [a, b, c]: string[]) => [
      ...set("序号", 40, 780),
      ...set("事项", 120, 780),
      ...set(`${first}`, 45, 750),
      ...set(`${a}受理信访事项三百件，其中网上`, 100, 750),
      ...set("信访二百一十件。", 100, 734),
      ...set(`${first + 1}`, 45, 708),
      ...set(`${b}办理行政处罚案件一百二十件，`, 100, 708),
      ...set("罚没款四十五万元。", 100, 692),
      ...set(`${first + 2}`, 45, 666),
      ...set(`${c}审查合同八百七十份。`, 100, 666),
    ];
    const read = readPages([page(1, ["全年", "全年", "全年"]), page(4, ["上年", "上年", "上年"])]);
    expect(read.text).toEqual([
      "序号 | 事项",
      "1 | 全年受理信访事项三百件，其中网上信访二百一十件。",
      "2 | 全年办理行政处罚案件一百二十件，罚没款四十五万元。",
      "3 | 全年审查合同八百七十份。",
      "4 | 上年受理信访事项三百件，其中网上信访二百一十件。",
      "5 | 上年办理行政处罚案件一百二十件，罚没款四十五万元。",
      "6 | 上年审查合同八百七十份。",
    ]);
    expect(read.tables).toBe(2);
  });

  it("sets a footnote mark apart from the figure beside it, and the footnotes after the body", () => {
    const body = [
      ...set("全年办理行政处罚案件", 72, 700),
      { str: "1", x: 177, y: 704, width: 3, size: 6 },
      ...set("120件，罚没款", 181, 700),
      ...set("共计45.6万元。", 72, 684),
      ...set("其他工作正常推进。", 72, 668),
      { str: "1", x: 72, y: 104, width: 3, size: 6 },
      ...set("注：依据本单位统计台账。", 76, 100),
    ];
    const read = readPages([body]);
    expect(read.text).toEqual(["全年办理行政处罚案件120件，罚没款共计45.6万元。", "其他工作正常推进。", "注：依据本单位统计台账。"]);
    expect(read.footnotes).toHaveLength(1);
  });

  it("keeps one column of running text with a right-aligned signature as one column", () => {
    const page = [
      ...["第一行文字一直排到右边的页边距处", "第二行文字一直排到右边的页边距处", "第三行。"].flatMap((l, i) => set(l, 72, 700 - i * 16)),
      ...set("某某市卫生健康局", 400, 600),
      ...set("2024年3月6日", 420, 584),
    ];
    expect(readPages([page]).columnPages).toBe(0);
  });
});
