// Bytes to a JS string: BOMs first, then UTF-16 without a BOM, then the charset the caller was told
// (strictly: bytes that do not fit it are not decoded as mojibake), then detection (UTF-8, Big5, GB18030).
// A wrong label is common (a GBK page labelled UTF-8, a UTF-8 page left labelled gb2312): when the bytes
// do not fit the label but do fit a Chinese charset, that charset is used. Japanese and Korean encodings
// decode as GB18030 without an error, so detection names them and they are refused, never garbled.
import iconv from "iconv-lite";
import jschardet from "jschardet";
import { ParseError } from "./errors.ts";

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf8"],
  [[0xff, 0xfe], "utf16le"],
  [[0xfe, 0xff], "utf16be"],
];

// GBK pages are often labelled gb2312; GB18030 decodes both and every GBK extension.
const ALIASES: Record<string, string> = { gb2312: "gb18030", gbk: "gb18030", "x-gbk": "gb18030", cp936: "gb18030", utf8: "utf-8" };

// Servers send ISO-8859-1 by default (Tomcat); no Chinese report is in it, so it says nothing.
const MEANINGLESS = new Set(["iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The charset a label names, or null when the label tells nothing (absent or a server default). */
export function charsetLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label.trim().toLowerCase();
  if (!name || MEANINGLESS.has(name)) return null;
  return ALIASES[name] ?? name;
}

export function charsetFromContentType(contentType: string): string | null {
  return charsetLabel(/charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1]);
}

// ASCII in UTF-16 puts its NUL byte on one side of each pair; CJK code units (U+4E00…) rarely do.
function bomless16(bytes: Uint8Array): string | null {
  if (bytes.length < 4 || bytes.length % 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  if (odd + even < 4) return null;
  if (odd > 4 * even) return "utf16le";
  if (even > 4 * odd) return "utf16be";
  return null;
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

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

function decodeDeclared(bytes: Uint8Array, charset: string): string {
  if (charset === "utf-8") {
    try {
      return utf8.decode(bytes);
    } catch {
      throw new ParseError("bytes are not valid UTF-8, the declared charset");
    }
  }
  if (!iconv.encodingExists(charset)) throw new ParseError(`unsupported charset ${charset}`);
  if (!isAscii(bytes) && validUtf8(bytes)) throw new ParseError(`declared charset ${charset} but the bytes are UTF-8`);
  const text = iconv.decode(Buffer.from(bytes), charset);
  if (text.includes("\ufffd")) throw new ParseError(`bytes are not valid ${charset}, the declared charset`);
  return text;
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Languages whose encodings (Shift-JIS, EUC-JP, EUC-KR…) GB18030 would decode without complaint into nonsense. */
const FOREIGN: Record<string, string> = { ja: "Japanese", ko: "Korean" };

/** Bytes in a Japanese or Korean multi-byte encoding: refused whatever the label says, never decoded as GB18030. */
function refuseForeign(bytes: Uint8Array): void {
  const { encoding, language } = jschardet.detect(Buffer.from(bytes));
  const foreign = language ? FOREIGN[language] : undefined;
  if (foreign) throw new ParseError(`text in ${encoding} (${foreign}), not an encoding of Chinese reports (UTF-8, GB18030, Big5)`);
}

function detect(bytes: Uint8Array): string {
  if (validUtf8(bytes)) return utf8.decode(bytes);
  const buffer = Buffer.from(bytes);
  const guess = jschardet.detect(buffer).encoding?.toLowerCase();
  const text = iconv.decode(buffer, guess === "big5" ? "big5" : "gb18030");
  if (text.includes("\ufffd")) throw new ParseError("text in an unsupported encoding: neither UTF-8, GB18030 nor Big5");
  return text;
}

/** `declared` is a charset from charsetLabel: null means detect. */
export function decodeText(bytes: Uint8Array, declared: string | null = null): string {
  for (const [bom, enc] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return iconv.decode(Buffer.from(bytes.subarray(bom.length)), enc);
  }
  if (bytes.length === 0) throw new ParseError("empty file: nothing to parse");
  const utf16 = bomless16(bytes);
  if (utf16) return iconv.decode(Buffer.from(bytes), utf16);
  if (looksBinary(bytes)) throw new ParseError("binary content where text was expected (NUL or control bytes)");
  if (!isAscii(bytes) && !validUtf8(bytes)) refuseForeign(bytes);
  if (!declared) return detect(bytes);
  try {
    return decodeDeclared(bytes, declared);
  } catch (err) {
    // the label is wrong: the charset the bytes evidently are in, or the label's error when none fits
    try {
      return detect(bytes);
    } catch {
      throw err;
    }
  }
}
