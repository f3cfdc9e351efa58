// Parsing time grows linearly with the input: doubling a hostile input from 512 KB to 1 MB at most ~2.2×
// its time. Each input is a shape a crawler, a webhook client or an attacker can send through parse. Either
// outcome counts, clean text or a ParseError (a page nested past any real page's depth is refused), as long
// as it comes in linear time.
import { describe, expect, it } from "vitest";
import { parseReport } from "../../pipelines/stages/parse/index.ts";
import { MB, repeat, timeRatio } from "../helpers/linearity.ts";

const REPORT = "<p>本年度共受理信访12件，办结率100%。</p>";
const html = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年法治政府建设工作报告</title></head><body>${body}</body></html>`;

/** [what it is, content type, text of about n bytes] */
const INPUTS: Array<[string, string, (bytes: number) => string]> = [
  ["a line of blanks, then a word", "text/plain", (b) => repeat(b, " \t\u3000", "受理信访12件", "。")],
  ["blank lines", "text/plain", (b) => repeat(b, " \n", "受理信访12件\n", "。")],
  ["one line of report text without a break", "text/plain", (b) => repeat(b, "本年度共受理信访12件，办结率100%。")],
  ["an aside that never ends: 共受理信访(含)(含)…", "text/plain", (b) => repeat(b, "(含)", "共受理信访")],
  ["paragraphs", "text/html", (b) => html(repeat(b, REPORT))],
  [
    "divs nested deep around 发布时间",
    "text/html",
    (b) => {
      const depth = Math.floor(b / 11 / 2);
      return html(`${"<div>".repeat(depth)}发布时间：2023-01-05${"</div>".repeat(depth)}${REPORT}`);
    },
  ],
  [
    "spans nested deep around the text",
    "text/html",
    (b) => {
      const depth = Math.floor(b / 13 / 2);
      return html(`<div>${"<span>".repeat(depth)}本年度共受理信访12件。${"</span>".repeat(depth)}</div>`);
    },
  ],
  ["an info line in every block", "text/html", (b) => html(repeat(b, "<div>发布时间：2023-01-05 来源：卫生健康局</div>", "", REPORT))],
  ["chrome in every block", "text/html", (b) => html(repeat(b, '<div class="nav"><a href="/">首页</a></div>', "", REPORT))],
  ["a table of many rows", "text/html", (b) => html(`<table>${repeat(b, "<tr><td>信访</td><td>12件</td></tr>")}</table>`)],
  ["whitespace between CJK lines", "text/html", (b) => html(`<p>受理${repeat(b, " \n ")}信访</p>`)],
];

describe("parse time is linear in the input", () => {
  it.each(INPUTS)("%s (%s): 1 MB takes at most ~2.2× what 512 KB takes", async (_, contentType, make) => {
    const [small, large] = [Buffer.from(make(MB / 2)), Buffer.from(make(MB))];
    const parse = (bytes: Buffer) => parseReport(bytes, contentType).catch((err: Error) => expect(err.name).toBe("ParseError"));
    const { ratio, tries } = await timeRatio(parse, small, large, 2.2);
    expect(ratio, tries).toBeLessThanOrEqual(2.2);
  });
});
