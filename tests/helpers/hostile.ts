// Hostile documents, built from what the formats allow (ISO 32000 for PDF, ECMA-376 for DOCX), the way
// corrupt or malicious files in the wild are: each one costs a reader far more than its size says.
import zlib from "node:zlib";

/** A PDF from its objects' bodies (numbered from 1 in order), with a correct xref table. */
function pdfOf(bodies: string[], root: number): Buffer {
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const stream = (dict: string, data: string) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

/** One page showing `content` with `resources`, appended after `objects`: returns the whole file. */
export function onePage(objects: string[], resources: string, content: string): Buffer {
  const bodies = [...objects];
  const add = (body: string) => bodies.push(body);
  add(stream("", content));
  const contents = bodies.length;
  const pages = contents + 2;
  add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 600 800] /Resources ${resources} /Contents ${contents} 0 R >>`);
  add(`<< /Type /Pages /Kids [${contents + 1} 0 R] /Count 1 >>`);
  add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
  return pdfOf(bodies, bodies.length);
}

/**
 * 1.7 KB whose font's embedded CMap (§9.7.5) maps `ranges` ranges of 2^24 codes: pdf.js fills one JS array
 * with them, which ends, past 169 million entries, in V8's "Fatal JavaScript invalid size error" (the whole
 * process aborts, 2.6 GB on the way) unless a memory bound stops it first.
 */
export function cmapBombPdf(ranges = 12): Buffer {
  const hex = (n: number) => n.toString(16).padStart(8, "0").toUpperCase();
  const lines = Array.from({ length: ranges }, (_, i) => `<${hex(i * 2 ** 24)}> <${hex(i * 2 ** 24 + 2 ** 24 - 2)}> 0`);
  const cmap =
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bomb def " +
    `1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange ${ranges} begincidrange\n${lines.join("\n")}\n` +
    "endcidrange endcmap CMapName currentdict /CMap defineresource pop end end";
  const system = "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>";
  return onePage(
    [
      stream(`/Type /CMap /CMapName /Bomb ${system}`, cmap),
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Bomb ${system} /FontDescriptor 3 0 R >>`,
      "<< /Type /FontDescriptor /FontName /Bomb /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
      "<< /Type /Font /Subtype /Type0 /BaseFont /Bomb /Encoding 1 0 R /DescendantFonts [2 0 R] >>",
    ],
    "<< /Font << /F1 4 0 R >> >>",
    "BT /F1 12 Tf 72 700 Td <00000001> Tj ET",
  );
}

/**
 * A page drawing a form XObject (§8.10) that draws the next one `fan` times, `depth` levels down to one line
 * of text: fan^depth text runs from a few KB ("billion laughs" in PDF). Depth 5: ~30 s of pdf.js here.
 */
export function nestedFormsPdf(depth = 5, fan = 10): Buffer {
  const objects = ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
  const form = (resources: string, content: string) => stream(`/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources ${resources}`, content);
  objects.push(form("<< /Font << /F1 1 0 R >> >>", "BT /F1 12 Tf 10 10 Td (ab) Tj ET"));
  for (let d = 0; d < depth; d++) {
    const draws = Array.from({ length: fan }, (_, i) => `q 1 0 0 1 ${i} ${i} cm /X Do Q`).join("\n");
    objects.push(form(`<< /XObject << /X ${objects.length} 0 R >> >>`, draws));
  }
  return onePage(objects, `<< /XObject << /X ${objects.length} 0 R >> >>`, "/X Do");
}

/** A PDF of `pages` pages, each with `line` `linesPerPage` times (Helvetica: ASCII only). */
export function manyPagesPdf(pages: number, line: string, linesPerPage = 40): Buffer {
  const objects = ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
  const kids: number[] = [];
  const pagesId = 2 + 2 * pages;
  for (let p = 0; p < pages; p++) {
    const text = Array.from({ length: linesPerPage }, (_, i) => `BT /F1 10 Tf 40 ${760 - i * 18} Td (${line} ${p + 1}.${i + 1}) Tj ET`).join("\n");
    objects.push(stream("", text));
    objects.push(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 1 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(objects.length);
  }
  objects.push(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${pages} >>`);
  objects.push(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  return pdfOf(objects, objects.length);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** `bytes` of an aside that never closes, `共受理信访(含)(含)…`: once minutes of the extractor's time per MB. */
export const endlessAsideText = (bytes = 1 << 20) => `共受理信访${"(含)".repeat(Math.ceil(bytes / 5))}`;

/** A text file of `bytes` bytes: the first sample report's lines over and over (a log or a dump sent as a report). */
export const hugeText = (seed: string, bytes: number) => seed.repeat(Math.ceil(bytes / Buffer.byteLength(seed))).slice(0, bytes);

/** A zip (APPNOTE 6.3: local headers, central directory, end record) deflated by Node's zlib: native, so a
 * 200 MB entry takes seconds where a JS deflater takes a minute. */
function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const deflated = zlib.deflateRawSync(data, { level: 6 });
    const fileName = Buffer.from(name, "utf8");
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, fileName, deflated);
    directory.push(central, fileName);
    offset += local.length + fileName.length + deflated.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const DOCUMENT_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_END = "</w:body></w:document>";

/** A DOCX (ECMA-376 minimal package) whose document.xml is `body` between the document's start and end. */
export const docxOfBody = (body: Buffer) =>
  zipOf([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "word/document.xml", data: Buffer.concat([Buffer.from(DOCUMENT_START), body, Buffer.from(DOCUMENT_END)]) },
  ]);

/** A DOCX of ~0.2 MB whose document.xml inflates ~1,000× (to `megabytes`): the ratio kind of zip bomb. */
export function ratioBombDocx(megabytes = 200): Buffer {
  const paragraph = Buffer.from("<w:p><w:r><w:t>受理信访12件</w:t></w:r></w:p>");
  return docxOfBody(Buffer.alloc(Math.floor((megabytes << 20) / paragraph.length) * paragraph.length, paragraph));
}

/**
 * A DOCX of `count` short paragraphs, each different, so it compresses like text (~8×, under any ratio
 * bound) and inflates within the size bound, yet holds millions of paragraphs: the paragraph-count kind of
 * zip bomb (mammoth holds each as objects: gigabytes).
 */
export function paragraphBombDocx(count = 2_000_000): Buffer {
  const paragraphs: string[] = [];
  let seed = 7;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    paragraphs.push(`<w:p><w:r><w:t>${seed.toString(36)}</w:t></w:r></w:p>`);
  }
  return docxOfBody(Buffer.from(paragraphs.join("")));
}
