// DOCX attachments: mammoth's raw text, one paragraph a line, once the zip is known not to be a bomb.
import mammoth from "mammoth";
import { DEFAULT_LIMITS } from "../../../schemas/limits.ts";
import { ParseError } from "./errors.ts";
import { checkZipBounds } from "./zipBounds.ts";

/** XML around each character (runs, properties) rarely passes 64 bytes, even in a file typed with per-character formatting. */
const XML_BYTES_PER_CHAR = 64;
const MAX_RATIO = 100;

export async function docxText(bytes: Uint8Array, { maxChars }: { maxChars: number } = DEFAULT_LIMITS): Promise<string> {
  checkZipBounds(bytes, { maxInflatedBytes: XML_BYTES_PER_CHAR * maxChars, maxRatio: MAX_RATIO });
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch (err) {
    throw new ParseError(`not a readable DOCX: ${(err as Error).message.split("\n")[0]}`);
  }
}
