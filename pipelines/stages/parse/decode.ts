// Bytes to a JS string: BOMs first, then the charset the caller was told, then detection (UTF-8, GB18030).
import iconv from "iconv-lite";
import { ParseError } from "./errors.ts";

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf8"],
  [[0xff, 0xfe], "utf16le"],
  [[0xfe, 0xff], "utf16be"],
];

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function charsetFromContentType(contentType: string): string | null {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType);
  return m ? m[1]!.toLowerCase() : null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.05;
}

export function decodeText(bytes: Uint8Array, declared: string | null = null): string {
  for (const [bom, enc] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return iconv.decode(Buffer.from(bytes.subarray(bom.length)), enc);
  }
  if (bytes.length === 0) throw new ParseError("empty file: nothing to parse");
  if (looksBinary(bytes)) throw new ParseError("binary content where text was expected (NUL or control bytes)");
  if (declared && declared !== "utf-8" && declared !== "utf8") {
    if (!iconv.encodingExists(declared)) throw new ParseError(`unsupported charset ${declared}`);
    return iconv.decode(Buffer.from(bytes), declared === "gb2312" || declared === "gbk" ? "gb18030" : declared);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    if (declared) throw new ParseError(`bytes are not valid ${declared}`);
  }
  const gb = iconv.decode(Buffer.from(bytes), "gb18030");
  if (gb.includes("\ufffd")) throw new ParseError("text in an unsupported encoding: neither UTF-8 nor GB18030");
  return gb;
}
