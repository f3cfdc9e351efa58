// Text encodings, page quirks, scans and broken files: each parses right or fails with a one-line reason.
import JSZip from "jszip";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ParseError, parseReport } from "../../pipelines/stages/parse/index.ts";
import { ocrUnavailable } from "../../pipelines/stages/parse/ocr.ts";
import { asDocx, asHtml, asPdf, partsOf, sampleText, scannedPdf } from "./fixtures.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const report = sampleText("heilongjiang-health-2020");
const parts = partsOf(report);

async function parseError(bytes: Uint8Array, contentType: string): Promise<string> {
  const err = await parseReport(bytes, contentType).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParseError);
  const message = (err as ParseError).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("plain text encodings", async () => {
  const plain = (await parseReport(Buffer.from(report), "text/plain")).text;
  const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);
  it.each([
    ["UTF-8 with BOM", withBom([0xef, 0xbb, 0xbf], Buffer.from(report))],
    ["UTF-16LE with BOM", withBom([0xff, 0xfe], iconv.encode(report, "utf16le"))],
    ["UTF-16BE with BOM", withBom([0xfe, 0xff], iconv.encode(report, "utf16be"))],
    ["UTF-16LE without BOM", iconv.encode(report, "utf16le")],
    ["UTF-16BE without BOM", iconv.encode(report, "utf16be")],
    ["GBK, undeclared", iconv.encode(report, "gbk")],
    ["GB18030, undeclared", iconv.encode(report, "gb18030")],
  ])("%s", async (_, bytes) => {
    expect((await parseReport(bytes, "text/plain")).text).toBe(plain);
  });

  it("GB18030 characters outside GBK (four-byte sequences) survive", async () => {
    const text = `${report}\n𠮷字与䶮字见于附件。`;
    expect((await parseReport(iconv.encode(text, "gb18030"), "text/plain; charset=gb2312")).text).toContain("𠮷字与䶮字");
  });

  it("a server's default ISO-8859-1 label is ignored, not applied", async () => {
    expect((await parseReport(iconv.encode(report, "gbk"), "text/plain; charset=ISO-8859-1")).text).toBe(plain);
  });
});

describe("web pages", () => {
  const page = (html: string, charset = "utf-8") => iconv.encode(html, charset);

  it("the content-type header's charset wins over the page's <meta>", async () => {
    const html = `<html><head><meta charset="gbk"><title>x</title></head><body><div id="zoom"><p>${report.split("\n").slice(4).join("</p><p>")}</p></div></body></html>`;
    const parsed = await parseReport(page(html), "text/html; charset=utf-8");
    expect(parsed.text).toContain("黑龙江省卫生健康委高度重视法治政府建设");
  });

  it("ArticleTitle and PubDate metadata are page hints; <br> lines are lines", async () => {
    const html = `<html><head><meta name="ArticleTitle" content="某某局2023年法治政府建设年度报告"><meta name="PubDate" content="2024/3/5"><meta name="ContentSource" content="某某市卫生健康委员会"></head>
      <body><div class="nav"><a href="/">首页</a></div><div class="content">一、基本情况。全年办理行政处罚案件120件，罚没款45.6万元。<br/>二、主要举措。受理信访事项300件，办结率100%。<br>三、下一步安排。继续推进依法行政工作。</div></body></html>`;
    const parsed = await parseReport(page(html), "text/html");
    expect(parsed.page).toEqual({ title: "某某局2023年法治政府建设年度报告", published_date: "2024-03-05", org: "某某市卫生健康委员会" });
    expect(parsed.text.split("\n")).toEqual([
      "某某局2023年法治政府建设年度报告",
      "一、基本情况。全年办理行政处罚案件120件，罚没款45.6万元。",
      "二、主要举措。受理信访事项300件，办结率100%。",
      "三、下一步安排。继续推进依法行政工作。",
    ]);
  });

  it("an HTML page saved as .doc is read as HTML", async () => {
    expect((await parseReport(asHtml(parts), "application/msword")).page.title).toBe(parts.title);
  });

  it("a page whose bytes fit neither its declared charset nor any Chinese one is an error naming the label", async () => {
    // 0xFF starts no character in UTF-8 nor in GB18030
    const broken = Buffer.concat([Buffer.from(asHtml(parts)), Buffer.from([0xff, 0xfe, 0xff, 0x20])]);
    expect(await parseError(broken, "text/html; charset=utf-8")).toMatch(/not valid UTF-8, the declared charset/);
  });

  it("a page with nothing but chrome is an error", async () => {
    const html = `<html><body><div class="nav"><a href="/">首页</a><a href="/x">政务公开</a></div><div class="footer">版权所有：某某市人民政府 浙ICP备05000000号</div></body></html>`;
    expect(await parseError(page(html), "text/html")).toMatch(/no report text/);
  });
});

describe("PDF", () => {
  it("a scan (no text layer) needs OCR when OCR is off or finds nothing, which is a status, not an error", async () => {
    process.env.GOVKPI_OCR = "off";
    try {
      const parsed = await parseReport(await scannedPdf(), "application/pdf");
      expect(parsed).toMatchObject({ status: "needs_ocr", text: "" });
      expect(parsed.status_reason).toMatch(/no usable text layer on 3 of 3 pages: a scanned PDF needs OCR, and OCR is turned off/);
    } finally {
      delete process.env.GOVKPI_OCR;
    }
    if (await ocrUnavailable()) return;
    // pages holding a grey frame and a page number: tesseract reads nothing there
    const blank = await parseReport(await scannedPdf(), "application/pdf");
    expect(blank).toMatchObject({ status: "needs_ocr", status_reason: "OCR found no text on 3 of 3 pages" });
  });

  it("a PDF served as application/octet-stream is recognised by its signature", async () => {
    const pdf = await asPdf(parts, (n) => `第${n}页`);
    expect((await parseReport(pdf.bytes, "application/octet-stream")).page.title).toBe(parts.title);
  });

  it("a truncated download is an error", async () => {
    const pdf = await asPdf(parts, (n) => `- ${n} -`);
    expect(await parseError(pdf.bytes.subarray(0, pdf.bytes.length / 2), "application/pdf")).toMatch(/truncated PDF/);
  });

  it("a PDF header over garbage is an error", async () => {
    expect(await parseError(Buffer.from("%PDF-1.7\nthis is not a pdf body\n%%EOF\n"), "application/pdf")).toMatch(/not a readable PDF/);
  });
});

describe("Word documents and broken files", () => {
  it("a zip that is not a DOCX is an error", async () => {
    const zip = new JSZip();
    zip.file("report.txt", report);
    expect(await parseError(await zip.generateAsync({ type: "uint8array" }), DOCX)).toMatch(/not a readable DOCX/);
  });

  it("a DOCX named .doc is read as DOCX", async () => {
    expect((await parseReport(await asDocx(parts), "application/msword")).page.title).toBe(parts.title);
  });

  it("random bytes as .doc are an error", async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(await parseError(random, "application/msword")).toMatch(/declared application\/msword but the bytes are not a DOC file/);
  });

  it("an OLE file that is not a Word document is an error", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4088, 0x41)]);
    expect(await parseError(ole, "application/msword")).toMatch(/not a readable Word\/WPS document/);
  });

  it.each(["text/plain", "text/html", "application/pdf", DOCX, "application/msword"])("an empty %s file is an error", async (type) => {
    expect(await parseError(new Uint8Array(), type)).toBe("empty file: nothing to parse");
  });

  it("binary bytes as text and unknown content types are errors", async () => {
    expect(await parseError(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), "text/plain")).toMatch(/binary content/);
    expect(await parseError(Buffer.from("GIF89a"), "image/gif")).toBe("unsupported content type image/gif");
  });
});
