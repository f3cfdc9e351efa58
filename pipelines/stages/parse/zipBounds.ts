// A DOCX is a zip: before anything is inflated, its central directory says how large every entry will be.
// A 611 KB file that inflates to 200 MB of paragraphs is a bomb whatever its text, so sizes and ratios are
// checked first, as Apache POI's ZipSecureFile does (its default: an entry may inflate at most 100×).
import { inflateRawSync } from "node:zlib";
import { ParseError } from "./errors.ts";

export interface ZipBounds {
  /** most bytes all entries together may inflate to */
  maxInflatedBytes: number;
  /** most an entry may grow when inflated (uncompressed / compressed) */
  maxRatio: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** the end record is 22 bytes plus a comment of at most 65,535 */
const END_SEARCH = 22 + 0xffff;
/** small entries (styles, rels) may compress far better than text without being bombs */
const RATIO_GRACE_BYTES = 1024 * 1024;
const ZIP64 = 0xffffffff;

interface Entry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressed: number;
  inflated: number;
  /** where its local header starts */
  offset: number;
}

function directory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - END_SEARCH); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ParseError("not a readable DOCX: no zip central directory (a cut or corrupt file)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
      throw new ParseError("not a readable DOCX: its zip central directory is corrupt");
    }
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("utf8"),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      inflated: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Throws a ParseError naming the entry when the zip would inflate past the bounds. */
export function checkZipBounds(bytes: Uint8Array, bounds: ZipBounds): void {
  let total = 0;
  for (const e of directory(bytes)) {
    if (e.inflated === ZIP64 || e.compressed === ZIP64) throw new ParseError(`DOCX entry ${e.name} declares a ZIP64 size (over 4 GB): refused`);
    total += e.inflated;
    if (e.inflated > RATIO_GRACE_BYTES && e.inflated > bounds.maxRatio * Math.max(1, e.compressed)) {
      throw new ParseError(
        `DOCX entry ${e.name} would inflate ${Math.round(e.inflated / Math.max(1, e.compressed))}× (${e.compressed} → ${e.inflated} bytes), ` +
          `over the limit of ${bounds.maxRatio}×: a zip bomb`,
      );
    }
  }
  if (total > bounds.maxInflatedBytes) {
    throw new ParseError(`DOCX would inflate to ${total} bytes, over the limit of ${bounds.maxInflatedBytes} bytes`);
  }
}

/**
 * One entry's bytes, inflated natively (outside the JS heap) and never past its declared size: null when the
 * zip has no such entry or stores it in a way only the full reader knows.
 */
export function entryBytes(bytes: Uint8Array, name: string): Buffer | null {
  const entry = directory(bytes).find((e) => e.name === name);
  if (!entry || (entry.method !== 0 && entry.method !== 8)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL_HEADER) return null;
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(entry.compressed, bytes.length - start));
  if (entry.method === 0) return data;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.inflated) });
  } catch (err) {
    throw new ParseError(`not a readable DOCX: ${name} does not inflate to its declared ${entry.inflated} bytes (${(err as Error).message})`);
  }
}
