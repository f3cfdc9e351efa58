// What the fuzzers feed the line: real reports (samples/, tests/fixtures) cut and mutated, and documents
// generated from the formats' structure (HTML trees, PDF content streams per ISO 32000, WordprocessingML).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { REPO, SAMPLES } from "../helpers/cli.ts";
import { docxOfBody, onePage } from "../helpers/hostile.ts";

const FIXTURES = join(REPO, "tests", "fixtures");
const texts = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(join(SAMPLES, f), "utf8"));
const pages = ["heldout/02-jingshan-jtys-2023.html", "heldout/10-xian-rsj-2024.html", "heldout/14-guandu-yjj-2022.html"].map((f) =>
  readFileSync(join(FIXTURES, f), "utf8"),
);
const pdfs = ["heldout/pdf/06-mishixiang-2023.pdf", "disclosure-tables/report.pdf"].map((f) => readFileSync(join(FIXTURES, f)));
const docx = readFileSync(join(FIXTURES, "disclosure-tables", "report.docx"));

/** What breaks readers and rules: asides, brackets, figures, units, blanks of every kind, controls, surrogates. */
const TOKENS = [
  "(含)",
  "（",
  "）",
  "受理信访",
  "12件",
  "其中",
  "、",
  "，",
  "。",
  "万元",
  "%",
  "１２３",
  "一二三",
  "\u3000",
  "\t",
  " ",
  "\n",
  "\r\n",
  "\u0000",
  "\ufeff",
  "\u200b",
  "\ud800",
  "\udc00",
  "😀",
  "\u202e",
  "⾏",
  "<",
  ">",
  "&amp;",
  "&#0;",
  "&#xD800;",
  "\\",
  '"',
  "|",
  "发布时间：2023-01-05",
  "来源：卫生健康局",
  "第一章",
  "2023年",
  "-1",
  "1e309",
  "9".repeat(40),
];

const token = fc.constantFrom(...TOKENS);
/** a run of tokens or of any characters, sometimes repeated many times */
const junk = fc
  .tuple(
    fc.oneof(
      fc.array(token, { maxLength: 8 }).map((t) => t.join("")),
      fc.string({ unit: "binary", maxLength: 20 }),
    ),
    fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 400 })),
  )
  .map(([s, n]) => s.repeat(n));

type Mutation = (s: string) => string;
const at = (s: string, f: number) => Math.floor(f * (s.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), junk).map(
    ([p, j]) =>
      (s: string) =>
        s.slice(0, at(s, p)) + j + s.slice(at(s, p)),
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(2000)).map(
    ([p, n]) =>
      (s: string) =>
        s.slice(0, at(s, p)) + s.slice(at(s, p) + n),
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(300), fc.integer({ min: 2, max: 30 })).map(
    ([p, n, k]) =>
      (s: string) =>
        s.slice(0, at(s, p)) + s.slice(at(s, p), at(s, p) + n).repeat(k) + s.slice(at(s, p) + n),
  ),
);
const mutated = (base: fc.Arbitrary<string>) => fc.tuple(base, fc.array(mutation, { maxLength: 6 })).map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));

/** a piece of a real report: where it starts, how long */
const excerpt = (of: string[], maxLength: number) =>
  fc.tuple(fc.constantFrom(...of), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(maxLength)).map(([s, p, n]) => s.slice(at(s, p), at(s, p) + n));

export interface FuzzDocument {
  kind: "text" | "html" | "pdf" | "docx";
  contentType: string;
  bytes: Uint8Array;
}
const doc =
  (kind: FuzzDocument["kind"], contentType: string) =>
  (bytes: Uint8Array): FuzzDocument => ({ kind, contentType, bytes });

const ENCODINGS = ["utf8", "gb18030", "big5", "utf16le-bom", "shift_jis"] as const;
const encode = (text: string, encoding: (typeof ENCODINGS)[number]) =>
  encoding === "utf16le-bom" ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) : iconv.encode(text, encoding);

export const textDocument = fc
  .tuple(
    mutated(excerpt(texts, 1500)),
    fc.constantFrom(...ENCODINGS),
    fc.constantFrom("text/plain", "text/plain; charset=utf-8", "text/plain; charset=gbk", "application/octet-stream"),
  )
  .map(([text, encoding, type]) => doc("text", type)(encode(text, encoding)));

const TAGS = ["div", "p", "span", "table", "tr", "td", "th", "br", "a", "h1", "ul", "li", "script", "style", "nav", "font", "b", "tbody", "iframe"];
const ATTRIBUTES = [
  'class="nav"',
  'id="zoom"',
  'style="display:none"',
  "hidden",
  'colspan="9999"',
  'rowspan="0"',
  'rowspan="300"',
  'class="footer share"',
  'href="/"',
];
const htmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    junk,
    excerpt(texts, 300),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.subarray(ATTRIBUTES, { maxLength: 2 }), fc.array(tie("node"), { maxLength: 5 }), fc.boolean())
      .map(([tag, attrs, children, closed]) => `<${tag} ${attrs.join(" ")}>${children.join("")}${closed ? `</${tag}>` : ""}`),
  ),
})).node;

export const htmlDocument = fc
  .oneof(
    htmlTree.map((body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年法治政府建设工作报告</title></head><body>${body}</body></html>`),
    mutated(excerpt(pages, 20_000)),
  )
  .map((html) => doc("html", "text/html; charset=utf-8")(Buffer.from(html)));

/** content-stream operators (ISO 32000 §8–9), with operands of the right kind or not */
const operand = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
  fc.constantFrom("(受理信访)", "(abc)", "<FEFF4E00>", "/F1", "/X", "[1 2 3]", "<<>>", "("),
);
const operator = fc.constantFrom(
  "BT",
  "ET",
  "Tf",
  "Td",
  "TD",
  "Tm",
  "Tj",
  "TJ",
  "'",
  "Tz",
  "TL",
  "cm",
  "q",
  "Q",
  "Do",
  "re",
  "f",
  "W",
  "n",
  "BI",
  "ID",
  "EI",
  "sh",
  "gs",
);
const contentStream = fc
  .array(fc.tuple(fc.array(operand, { maxLength: 6 }), operator), { maxLength: 60 })
  .map((ops) => ops.map(([args, op]) => `${args.join(" ")} ${op}`).join("\n"));
const FONTS = [
  "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [] >>",
  "<< /Type /Font /Subtype /TrueType /BaseFont /Missing /FirstChar 0 /LastChar -5 /Widths [1] >>",
];
const bytesMutation = fc.tuple(
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
  fc.double({ min: 0.3, max: 1, noNaN: true }),
);
const mutatedBytes = (bytes: Buffer, [flips, keep]: [Array<[number, number]>, number], tail = "") => {
  const out = Buffer.concat([bytes.subarray(0, Math.floor(bytes.length * keep)), Buffer.from(tail, "latin1")]);
  for (const [p, b] of flips) out[Math.floor(p * (out.length - 1))] = b;
  return out;
};

export const pdfDocument = fc
  .oneof(
    {
      arbitrary: fc.tuple(fc.constantFrom(...FONTS), contentStream).map(([font, content]) => onePage([font], "<< /Font << /F1 1 0 R >> >>", content)),
      weight: 3,
    },
    { arbitrary: fc.tuple(fc.constantFrom(...pdfs), bytesMutation).map(([pdf, m]) => mutatedBytes(pdf, m, "\n%%EOF\n")), weight: 1 },
  )
  .map(doc("pdf", "application/pdf"));

/** WordprocessingML (ECMA-376 §17): paragraphs, runs, tables with spans and merges, well-formed or not */
const wordXml: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc
      .tuple(fc.oneof(junk, excerpt(texts, 200)), fc.boolean())
      .map(([t, space]) => `<w:r><w:t${space ? ' xml:space="preserve"' : ""}>${t.replace(/[<&]/g, "")}</w:t></w:r>`),
    fc.array(tie("node"), { maxLength: 4 }).map((runs) => `<w:p>${runs.join("")}</w:p>`),
    fc
      .tuple(fc.array(fc.array(tie("node"), { maxLength: 3 }), { maxLength: 4 }), fc.integer({ min: -1, max: 9999 }), fc.boolean())
      .map(
        ([cells, span, merge]) =>
          `<w:tbl><w:tr>${cells.map((c) => `<w:tc><w:tcPr><w:gridSpan w:val="${span}"/>${merge ? '<w:vMerge w:val="restart"/>' : ""}</w:tcPr><w:p>${c.join("")}</w:p></w:tc>`).join("")}</w:tr></w:tbl>`,
      ),
    junk,
  ),
})).node;

/** the document.xml of a real DOCX, to mutate */
export const realDocumentXml = async () => (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");

export const docxDocument = (realXml: string) =>
  fc
    .oneof(
      { arbitrary: fc.array(wordXml, { maxLength: 8 }).map((body) => docxOfBody(Buffer.from(body.join("")))), weight: 3 },
      { arbitrary: mutated(fc.constant(realXml)).map((xml) => docxOfBody(Buffer.from(xml.replace(/^[\s\S]*?<w:body>|<\/w:body>[\s\S]*$/g, "")))), weight: 1 },
      { arbitrary: bytesMutation.map((m) => mutatedBytes(docx, m)), weight: 1 },
    )
    .map(doc("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
