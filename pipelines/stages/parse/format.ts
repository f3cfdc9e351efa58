// Which reader a payload needs: the declared content type, overruled by the bytes' signature, because
// sites serve attachments as application/octet-stream and name HTML or DOCX files ".doc".
import type { DOCUMENT_FORMATS } from "../../../schemas/messages.ts";
import { ParseError } from "./errors.ts";

export type Format = (typeof DOCUMENT_FORMATS)[number];

const DECLARED: Record<string, Format> = {
  "text/plain": "text",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/msword": "doc",
  "application/vnd.ms-word": "doc",
  "application/kswps": "doc",
  "application/wps-office.wps": "doc",
  "application/vnd.ms-works": "doc",
  "application/rtf": "rtf",
  "text/rtf": "rtf",
  "application/vnd.oasis.opendocument.text": "odt",
  "multipart/related": "mht",
  "message/rfc822": "mht",
  "application/x-mimearchive": "mht",
};

const BINARY: Format[] = ["pdf", "docx", "doc", "odt"];

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

function signature(bytes: Uint8Array): Format | null {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  // an OpenDocument zip stores its mimetype first, uncompressed
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return Buffer.from(bytes.subarray(30, 100)).toString("latin1").startsWith("mimetypeapplication/vnd.oasis.opendocument.text") ? "odt" : "docx";
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "{\\rtf") return "rtf";
  // pdf.js, like viewers, accepts junk before the header
  if (Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-")) return "pdf";
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString("latin1")
    .replace(/^\ufeff|^\xef\xbb\xbf/, "")
    .trimStart();
  if (/^<(!doctype html|html|head|meta|body)\b/i.test(head)) return "html";
  // a Word "single file web page", often saved as .doc: MIME headers, then the multipart/related archive
  if (/^[\w-]+:/.test(head) && /content-type:\s*multipart\/related/i.test(Buffer.from(bytes.subarray(0, 4096)).toString("latin1"))) return "mht";
  return null;
}

export function formatOf(bytes: Uint8Array, contentType: string): Format {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const declared = DECLARED[type] ?? null;
  const sniffed = signature(bytes);
  if (sniffed && (sniffed !== "html" || declared === null || BINARY.includes(declared))) return sniffed;
  if (declared && BINARY.includes(declared)) {
    const head = Buffer.from(bytes.subarray(0, 8)).toString("hex");
    throw new ParseError(`declared ${type} but the bytes are not a ${declared.toUpperCase()} file (they start with 0x${head})`);
  }
  if (declared) return declared;
  throw new ParseError(`unsupported content type ${type || "(none)"}`);
}
