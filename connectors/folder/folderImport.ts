// The folder connector: every supported report file of a folder → landing zone → reports.raw, batch by
// batch. Files known from an earlier run (same size and mtime) are not read again: if their payload is
// loaded they are only counted, otherwise their message is taken back from the landing zone.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { RawReport } from "../../schemas/messages.ts";
import type { LandingZone } from "../../pipelines/landing/landingZone.ts";
import type { Collected } from "../../pipelines/ingest.ts";
import { SUPPORTED_EXTENSIONS, contentTypeFor } from "../../pipelines/stages/parse/contentType.ts";
import { landPayloads } from "../publishRaw.ts";
import { KnownFiles } from "./knownFiles.ts";

export class MissingFolderError extends Error {
  override name = "MissingFolderError";
}

/** Files read, landed and announced together: one group of fsyncs, one loaded-check query. */
const BATCH = 256;

export async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new MissingFolderError(`input folder not found: ${resolve(dir)}`);
}

export async function listReportFiles(dir: string): Promise<{ files: string[]; skipped: Collected["skipped"] }> {
  await assertFolder(dir);
  const files: string[] = [];
  const skipped: Collected["skipped"] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".") || !(entry.isFile() || (entry.isSymbolicLink() && (await stat(join(dir, entry.name))).isFile()))) continue;
    if (contentTypeFor(entry.name)) files.push(join(dir, entry.name));
    else skipped.push({ file: entry.name, reason: `not a report file (supported: ${SUPPORTED_EXTENSIONS.join(" ")})` });
  }
  return { files, skipped };
}

const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** A folder's identity as a source: its name (the reports' `source`, the runs' too). */
export const folderSource = (dir: string) => `folder:${basename(resolve(dir))}`;

/**
 * Yields the folder's reports in batches. `loaded` (sha256s → those loaded) lets known files be skipped
 * unread; without it (an import for Kafka workers) every file is announced.
 */
export async function* importFolder(
  dir: string,
  landing: LandingZone,
  loaded: (sha256s: string[]) => Promise<Set<string>> = async () => new Set(),
): AsyncGenerator<Collected> {
  const { files, skipped } = await listReportFiles(dir);
  const known = await KnownFiles.load(landing.root, dir);
  const names = new Set(files.map(nameOf));
  if (skipped.length) yield { raws: [], skipped };
  for (let start = 0; start < files.length; start += BATCH) {
    const paths = files.slice(start, start + BATCH);
    const infos = await Promise.all(paths.map((path) => stat(path)));
    const seen = paths.map((path, i) => ({ path, info: infos[i]!, known: known.unchanged(nameOf(path), infos[i]!.size, infos[i]!.mtimeMs) }));
    const knownLoaded = await loaded(seen.flatMap((s) => (s.known ? [s.known.sha256] : [])));
    const raws: RawReport[] = [];
    const toRead: typeof seen = [];
    for (const s of seen) {
      if (s.known && knownLoaded.has(s.known.sha256)) continue;
      const message = s.known && (await landing.message(s.known.landing_key, s.known.source_url));
      if (message) raws.push(message);
      else toRead.push(s);
    }
    const seenAt = Date.now();
    const payloads = await Promise.all(toRead.map(async ({ path }) => ({
      bytes: await readFile(path),
      source: folderSource(dir),
      source_url: pathToFileURL(resolve(path)).href,
      file_name: nameOf(path),
      content_type: contentTypeFor(nameOf(path))!,
    })));
    const landed = await landPayloads(landing, payloads);
    landed.forEach((raw, i) => {
      const { info } = toRead[i]!;
      known.remember(raw.file_name, { size: info.size, mtimeMs: info.mtimeMs, sha256: raw.sha256, landing_key: raw.landing_key, source_url: raw.source_url, seenAt });
    });
    raws.push(...landed);
    yield { raws, unchanged: seen.length - raws.length, skipped: [] };
    // a killed run's next start re-reads at most this many batches
    if ((start / BATCH) % 64 === 63) await known.save(names);
  }
  await known.save(names);
}
