// The folder connector: every supported report file of a folder → landing zone → reports.raw.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { RawReport } from "../../schemas/messages.ts";
import type { LandingZone } from "../../pipelines/landing/landingZone.ts";
import { SUPPORTED_EXTENSIONS, contentTypeFor } from "../../pipelines/stages/parse/contentType.ts";
import { landPayload } from "../publishRaw.ts";

export class MissingFolderError extends Error {
  override name = "MissingFolderError";
}

export interface FolderImport {
  raws: RawReport[];
  skipped: Array<{ file: string; reason: string }>;
}

export async function listReportFiles(dir: string): Promise<{ files: string[]; skipped: FolderImport["skipped"] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new MissingFolderError(`input folder not found: ${resolve(dir)}`);
  const files: string[] = [];
  const skipped: FolderImport["skipped"] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile() || name.startsWith(".")) continue;
    if (contentTypeFor(name)) files.push(path);
    else skipped.push({ file: name, reason: `not a report file (supported: ${SUPPORTED_EXTENSIONS.join(" ")})` });
  }
  return { files, skipped };
}

export async function importFolder(dir: string, landing: LandingZone, onFile?: (file: string) => void): Promise<FolderImport> {
  const { files, skipped } = await listReportFiles(dir);
  const raws: RawReport[] = [];
  for (const path of files) {
    const name = path.slice(path.lastIndexOf("/") + 1);
    const { raw } = await landPayload(landing, {
      bytes: await readFile(path),
      source: "folder",
      source_url: pathToFileURL(resolve(path)).href,
      file_name: name,
      content_type: contentTypeFor(name)!,
    });
    raws.push(raw);
    onFile?.(name);
  }
  return { raws, skipped };
}
