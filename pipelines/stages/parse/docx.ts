// DOCX attachments: mammoth's raw text, one paragraph a line.
import mammoth from "mammoth";
import { ParseError } from "./errors.ts";

export async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch (err) {
    throw new ParseError(`not a readable DOCX: ${(err as Error).message.split("\n")[0]}`);
  }
}
