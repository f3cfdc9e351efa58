// Each sample report in every published format parses to the text its plain-text version does, so the
// extractor sees the same report: same text (up to whitespace), same page hints, same facts and metadata.
import { beforeAll, describe, expect, it } from "vitest";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { type ParsedText, parseReport } from "../../pipelines/stages/parse/index.ts";
import { asDocx, asHtml, asPdf, partsOf, SAMPLES, sampleText } from "./fixtures.ts";
import { docxToDoc, hasSoffice } from "./office.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PAGE_NUMBERS = [(n: number) => `— ${n} —`, (n: number) => `- ${n} -`, (n: number) => `第${n}页`, (n: number) => `第 ${n} 页 共 9 页`];

const squash = (s: string) => s.replace(/\s+/g, "");
/** A PDF cannot tell a paragraph end from a line that happens to end a sentence at the margin, so
 * texts are compared sentence by sentence: none may be cut or run into the next. */
const sentences = (s: string) =>
  new Set(
    s
      .split(/(?<=[。！？；：;:!?])|\n/)
      .map(squash)
      .filter(Boolean),
  );

function extracted(parsed: ParsedText) {
  const { metadata, facts } = extractReport({ text: parsed.text, page: parsed.page, site_host: null });
  return { metadata, facts: facts.map(({ metric, value, qualifier, scope, approx }) => ({ metric, value, qualifier, scope, approx })) };
}

describe.each(SAMPLES.map((name, i) => ({ name, i })))("$name", ({ name, i }) => {
  const parts = partsOf(sampleText(name));
  let plain: ParsedText;
  beforeAll(async () => {
    plain = await parseReport(Buffer.from(sampleText(name)), "text/plain");
  });

  const expectSameReport = (parsed: ParsedText) => {
    expect(parsed.status).toBe("parsed");
    expect(squash(parsed.text)).toBe(squash(plain.text));
    expect(sentences(parsed.text)).toEqual(sentences(plain.text));
    expect(parsed.page).toEqual(plain.page);
    expect(extracted(parsed)).toEqual(extracted(plain));
  };

  it("as a GBK web page with site chrome", async () => {
    const parsed = await parseReport(asHtml(parts), "text/html");
    expectSameReport(parsed);
    for (const chrome of ["首页", "当前位置", "分享到", "版权所有", "ICP", "访问次数：1234567", "澳门真人娱乐", "欢迎访问", "相关链接", "打印本页"]) {
      expect(parsed.text).not.toContain(chrome);
    }
  });

  it("as a typeset PDF with running header, page numbers and sentences cut by page breaks", async () => {
    const pdf = await asPdf(parts, PAGE_NUMBERS[i % PAGE_NUMBERS.length]!);
    const parsed = await parseReport(pdf.bytes, "application/pdf");
    expectSameReport(parsed);
    expect(parsed.text).not.toContain("法治政府建设年度报告\n");
    for (const cut of pdf.cutByPageBreak) expect(parsed.text.replace(/[ \t]+/g, "")).toContain(squash(cut));
  });

  it("as DOCX with a header and page-number footer", async () => {
    expectSameReport(await parseReport(await asDocx(parts), DOCX));
  });

  it.skipIf(!hasSoffice && !process.env.CI)("as legacy DOC (LibreOffice-converted)", async () => {
    expectSameReport(await parseReport(docxToDoc(await asDocx(parts)), "application/msword"));
  });
});

it("some sample PDF really has a sentence cut by a page break", async () => {
  const cut = await Promise.all(SAMPLES.map(async (name) => (await asPdf(partsOf(sampleText(name)), PAGE_NUMBERS[0]!)).cutByPageBreak.length));
  expect(cut.reduce((a, b) => a + b)).toBeGreaterThan(3);
});
