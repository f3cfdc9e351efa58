// Legacy Word (.doc) and WPS attachments, both OLE compound files: word-extractor reads the body text
// (headers, footers and footnotes are left out, as they are page furniture).
import WordExtractor from "word-extractor";
import { ParseError } from "./errors.ts";

export async function docText(bytes: Uint8Array): Promise<string> {
  try {
    // filterUnicode off: by default word-extractor turns “” and full-width forms into ASCII
    return (await new WordExtractor().extract(Buffer.from(bytes))).getBody({ filterUnicode: false });
  } catch (err) {
    throw new ParseError(`not a readable Word/WPS document: ${(err as Error).message.split("\n")[0]}`);
  }
}
