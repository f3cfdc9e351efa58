// Formats and encodings as departments send them: RTF and ODT (made by LibreOffice), Word's "single file web
// page" saved as .doc (an MHT archive), pages whose charset label is wrong, and text in a Japanese encoding.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ParseError, parseReport } from "../../pipelines/stages/parse/index.ts";
import { asHtml, partsOf, sampleText } from "./fixtures.ts";
import { hasSoffice } from "./office.ts";

const DOCX = "tests/fixtures/renderings/libreoffice-docx/nantong-health-2023.docx";
const squash = (s: string) => s.replace(/\s+/g, "");

function convert(file: string, to: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "govkpi-lo-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", to, "--outdir", dir, file], { stdio: "ignore" });
    return readFileSync(join(dir, file.replace(/^.*\//, "").replace(/\.[^.]+$/, `.${to}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasSoffice)("RTF and ODT through LibreOffice", () => {
  it.each(["rtf", "odt"])(
    "%s reads as the same report as the DOCX it was saved from, also when named .doc",
    async (format) => {
      const docx = await parseReport(readFileSync(DOCX), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      const bytes = convert(DOCX, format);
      for (const type of [format === "rtf" ? "application/rtf" : "application/vnd.oasis.opendocument.text", "application/msword"]) {
        const parsed = await parseReport(bytes, type);
        expect(parsed.format).toBe(format);
        expect(squash(parsed.text)).toContain(squash(docx.text).slice(-2000));
        expect(parsed.page.published_date).toBe("2024-03-06");
      }
    },
    120_000,
  );

  it("without LibreOffice an RTF is a dead letter naming the package", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const err = await parseReport(Buffer.from("{\\rtf1\\ansi 2023}"), "application/rtf").catch((e: Error) => e);
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(/libreoffice-writer-nogui/);
    } finally {
      process.env.PATH = path;
    }
  });
});

/** Word's "save as single file web page": MIME headers, the page in GBK, quoted-printable. */
function wordMht(html: string): Buffer {
  const tokens = [...iconv.encode(html, "gbk")].map((b) =>
    b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  const lines = [""];
  for (const t of tokens) {
    if (lines[lines.length - 1]!.length + t.length > 75) lines.push("");
    lines[lines.length - 1] += t;
  }
  const body = lines.join("=\r\n");
  return Buffer.from(
    [
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="----=_NextPart_01D9A1B2.C3D4E5F0"',
      "",
      "此文档为“单个文件网页”，也称为“Web 档案”文件。",
      "",
      "------=_NextPart_01D9A1B2.C3D4E5F0",
      "Content-Location: file:///C:/D8F2A1B3/report.htm",
      "Content-Transfer-Encoding: quoted-printable",
      'Content-Type: text/html; charset="gb2312"',
      "",
      body,
      "",
      "------=_NextPart_01D9A1B2.C3D4E5F0--",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

describe("MHT saved as .doc", () => {
  it("reads the archive's page, its paragraphs and its table", async () => {
    const parts = partsOf(sampleText("dongyang-health-2022"));
    const html = `<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head><body>
<p class=MsoTitle>${parts.title}</p>${parts.paragraphs.map((p) => `<p class=MsoNormal>${p}</p>`).join("\n")}
<table class=MsoTableGrid><tr><td>序号</td><td>事项</td></tr><tr><td>1</td><td>行政处罚案件</td></tr></table></body></html>`;
    const parsed = await parseReport(wordMht(html), "application/msword");
    expect(parsed.format).toBe("mht");
    expect(parsed.page.title).toBe(parts.title);
    expect(squash(parsed.text)).toContain(squash(parts.paragraphs.join("")));
    expect(parsed.text).toMatch(/行政处罚案件/);
  });
});

describe("charsets", () => {
  const parts = partsOf(sampleText("nantong-health-2023"));
  const page = asHtml(parts, "南通市人民政府");

  it("a GBK page labelled UTF-8, and a UTF-8 page still labelled gb2312, are read in the charset their bytes are in", async () => {
    const right = (await parseReport(page, "text/html")).text;
    expect((await parseReport(page, "text/html; charset=utf-8")).text).toBe(right);
    const utf8 = Buffer.from(iconv.decode(Buffer.from(page), "gbk"));
    expect((await parseReport(utf8, "text/html")).text).toBe(right);
  });

  it.each([
    ["Shift-JIS", "shift_jis", /Japanese/],
    ["EUC-KR", "euc-kr", /Korean/],
  ])("text in %s is a dead letter naming the encoding, never garbled Chinese", async (_, encoding, language) => {
    const text =
      encoding === "euc-kr"
        ? "2023년 행정 보고서입니다. 민원 접수 건수는 300건입니다. 시청에서 주민 여러분의 상담을 받았습니다. ".repeat(3)
        : "令和5年度の行政手続きに関する報告書です。市役所では住民の皆様からの相談を受け付けました。相談件数は三百件でした。".repeat(3);
    for (const type of ["text/plain", "text/plain; charset=gbk"]) {
      const err = await parseReport(iconv.encode(text, encoding), type).catch((e: Error) => e);
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(language);
    }
  });
});
