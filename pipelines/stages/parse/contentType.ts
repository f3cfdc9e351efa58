// Content type of a file by its extension: the folder connector and `govkpi extract` read files from disk.
import { extname } from "node:path";

const BY_EXTENSION: Record<string, string> = {
  ".txt": "text/plain",
  ".html": "text/html",
  ".htm": "text/html",
  ".shtml": "text/html",
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".doc": "application/msword",
  ".wps": "application/msword",
  ".rtf": "application/rtf",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".mht": "multipart/related",
  ".mhtml": "multipart/related",
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function contentTypeFor(fileName: string): string | null {
  return BY_EXTENSION[extname(fileName).toLowerCase()] ?? null;
}
