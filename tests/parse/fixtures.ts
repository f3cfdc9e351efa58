// Fixtures made from the bundled sample reports: the same report as a government web page (GBK, with site
// chrome), as a typeset PDF (running header, page-number footer, sentences cut by page breaks) and as DOCX.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from "docx";
import iconv from "iconv-lite";
import { PDFDocument, type PDFFont, rgb } from "pdf-lib";

export const SAMPLES = ["dongyang-health-2022", "heilongjiang-health-2020", "nanshan-health-2024", "nantong-health-2023", "redacted-city-health-2022"] as const;

export const sampleText = (name: string) => readFileSync(join("samples", `${name}.txt`), "utf8");

/** A plain report cut into what a site template puts in different places. */
export interface ReportParts {
  /** lines above the title: injected spam, image captions */
  above: string[];
  title: string | null;
  /** the info line(s): 发布时间, 来源, 访问次数, 字体 */
  info: string[];
  paragraphs: string[];
}

const INFO = /(发布时间|来源|次数|字体)/;

export function partsOf(text: string): ReportParts {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const t = lines.slice(0, 5).findIndex((l) => l.length <= 80 && !/[。；]/.test(l) && /(报告|总结)/.test(l));
  const head = lines.slice(t + 1, t + 1 + 8);
  const end = head.findIndex((l) => !INFO.test(l));
  const info = t < 0 ? [] : head.slice(0, end < 0 ? head.length : end);
  return {
    above: t < 0 ? [] : lines.slice(0, t),
    title: t < 0 ? null : lines[t]!,
    info,
    paragraphs: lines.slice(t + 1 + info.length),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The report as its department's web page, encoded in GBK, the charset named only in a <meta>. */
export function asHtml(parts: ReportParts, site = "东阳市人民政府"): Uint8Array {
  const date = /\d{4}-\d{2}-\d{2}/.exec(parts.info.join(" "))?.[0];
  const html = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>${escapeHtml(parts.title ?? "卫生健康局")}_部门信息_${site}</title>
${date ? `<meta name="PubDate" content="${date} 09:30" />` : ""}
<meta name="SiteName" content="${site}" />
<style>.nav li { float: left } #zoom p { text-indent: 2em }</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>欢迎访问${site}</div>");</script>
</head><body>
<div class="top"><span>${site}</span><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/en">English</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div style="display:none">${parts.above.map((a) => `<a href="http://spam.example/">${escapeHtml(a)}</a>`).join("")}<a href="http://spam.example/">澳门真人娱乐官网</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/fzzf">法治政府建设</a></div>
<div class="main"><div class="article">
${parts.title ? `<h1>${escapeHtml(parts.title)}</h1>` : ""}
<div class="article-info">${parts.info.map((l) => `<div>${escapeHtml(l)}</div>`).join("\n")}</div>
<div id="zoom" class="TRS_Editor">
${parts.paragraphs.map((p) => `<p>\n  ${escapeHtml(p)}\n</p>`).join("\n")}
</div>
<div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a><a class="bds_qzone">QQ空间</a></div>
<div class="print-close">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="sidebar"><h3>相关链接</h3><ul><li><a href="/1">关于开展2023年度法治政府建设督察的通知</a></li><li><a href="/2">政府信息公开指南</a></li></ul></div>
</div>
<div class="footer"><p>版权所有：${site}办公室 主办单位：${site}办公室</p><p>浙ICP备05000000号-1 网站标识码：3307830001 浙公网安备 33078302000000号</p><p>总访问次数：1234567</p></div>
<script>(function(){ var s = document.createElement("script"); s.src = "https://hm.example/hm.js"; })();</script>
</body></html>`;
  return iconv.encode(html, "gbk");
}

const require = createRequire(import.meta.url);
const FONT = join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", "NotoSansHans-Regular.otf");

const PAGE = { width: 595, height: 842, margin: 72, size: 12, leading: 20 };

function wrap(text: string, font: PDFFont, first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    const room = lines.length ? rest : first;
    if (line && font.widthOfTextAtSize(line + ch, PAGE.size) > room) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  return line ? [...lines, line] : lines;
}

export interface PdfFixture {
  bytes: Uint8Array;
  /** the last line of a page and the first of the next, where the page break cuts a sentence */
  cutByPageBreak: string[];
}

/** The report typeset on A4: a running header from page 2, the title centred, paragraphs indented two
 * characters and wrapped at the margin, and a page-number footer in the given style. */
export async function asPdf(parts: ReportParts, pageNumber: (n: number) => string): Promise<PdfFixture> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const width = PAGE.width - 2 * PAGE.margin;
  const indent = 2 * PAGE.size;
  const cut: string[] = [];
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawText("法治政府建设年度报告", { x: PAGE.margin, y: PAGE.height - 40, size: 9, font, color: rgb(0.4, 0.4, 0.4) });
    y = PAGE.height - PAGE.margin;
  };
  const bottom = PAGE.margin;
  /** draws a line, returns the number of the page it landed on */
  const draw = (text: string, x: number, size = PAGE.size) => {
    if (y < bottom) newPage();
    page.drawText(text, { x, y, size, font });
    y -= PAGE.leading;
    return doc.getPageCount();
  };
  for (const line of parts.above) draw(line, PAGE.margin);
  if (parts.title) {
    for (const line of wrap(parts.title, font, width, width)) {
      draw(line, PAGE.margin + (width - font.widthOfTextAtSize(line, 16)) / 2, 16);
    }
  }
  for (const line of parts.info) draw(line, PAGE.margin);
  for (const p of parts.paragraphs) {
    const lines = wrap(p, font, width - indent, width);
    const on = lines.map((line, i) => draw(line, PAGE.margin + (i ? 0 : indent)));
    on.forEach((n, i) => {
      if (i > 0 && n !== on[i - 1] && !/[。；：！？]$/.test(lines[i - 1]!)) cut.push(lines[i - 1]! + lines[i]!);
    });
  }
  doc.getPages().forEach((p, i) => {
    const label = pageNumber(i + 1);
    p.drawText(label, { x: (PAGE.width - font.widthOfTextAtSize(label, 10)) / 2, y: 36, size: 10, font });
  });
  return { bytes: await doc.save(), cutByPageBreak: cut };
}

/** A scan: pages with a drawn frame and a page number, no text layer for the report. */
export async function scannedPdf(pages = 3): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawRectangle({ x: 60, y: 60, width: 475, height: 722, color: rgb(0.93, 0.93, 0.9) });
    page.drawText(`- ${i} -`, { x: 290, y: 36, size: 10 });
  }
  return doc.save();
}

/** The report as a Word document, with a header and a page-number footer Word users add. */
export async function asDocx(parts: ReportParts): Promise<Uint8Array> {
  const lines = [...parts.above, ...(parts.title ? [parts.title] : []), ...parts.info, ...parts.paragraphs];
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph("法治政府建设年度报告")] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })] })] }) },
        children: lines.map((l) => new Paragraph({ children: [new TextRun({ text: l, font: "仿宋_GB2312", size: 32 })] })),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
