// The folder connector: every supported report file of a folder → landing zone → reports.raw, batch by
// batch. Files known from an earlier run (same size and mtime) are not read again: if their payload is
// loaded they are only counted, otherwise their message is taken back from the landing zone.
import { statSync, type Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
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
const BATCH = 1024;

export async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new MissingFolderError(`input folder not found: ${resolve(dir)}`);
}

/** Why a directory entry cannot be read as a report file, or null when it can (a file, or a link to one inside the folder). */
async function unreadable(root: string, path: string, entry: Dirent): Promise<string | null | "skip"> {
  if (entry.isFile()) return null;
  if (!entry.isSymbolicLink()) return "skip";
  let target: string;
  try {
    target = await realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return "symbolic link loop";
    if (code === "ENOENT") return "dangling symbolic link (its target does not exist)";
    return `symbolic link not followed (${code})`;
  }
  if (!target.startsWith(`${root}/`)) return `symbolic link to ${target}, outside the input folder: not followed`;
  return (await stat(target)).isFile() ? null : "skip";
}

async function listReportFiles(dir: string): Promise<{ files: string[]; skipped: Collected["skipped"] }> {
  await assertFolder(dir);
  const root = await realpath(dir);
  const files: string[] = [];
  const skipped: Collected["skipped"] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    const why = await unreadable(root, path, entry).catch((err: NodeJS.ErrnoException) => `cannot read it (${err.code ?? err.message})`);
    if (why === "skip") continue;
    if (why) skipped.push({ file: entry.name, reason: why });
    else if (contentTypeFor(entry.name)) files.push(path);
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
    // a file removed or locked since the listing is skipped with the reason, never the end of the run;
    // statSync: one system call each, no round trip through the thread pool (a no-op run is mostly this)
    const gone: Collected["skipped"] = [];
    const cannot = (path: string) => (err: NodeJS.ErrnoException) => {
      gone.push({ file: nameOf(path), reason: `cannot read it (${err.code ?? err.message})` });
      return null;
    };
    const seen = paths.flatMap((path) => {
      try {
        const info = statSync(path);
        return [{ path, info, known: known.unchanged(nameOf(path), info.size, info.mtimeMs) }];
      } catch (err) {
        cannot(path)(err as NodeJS.ErrnoException);
        return [];
      }
    });
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
    const read = await Promise.all(toRead.map(async (s) => ({ s, bytes: await readFile(s.path).catch(cannot(s.path)) })));
    const readable = read.flatMap((r) => (r.bytes ? [{ ...r.s, bytes: r.bytes }] : []));
    const payloads = readable.map(({ path, bytes }) => ({
      bytes,
      source: folderSource(dir),
      source_url: pathToFileURL(resolve(path)).href,
      file_name: nameOf(path),
      content_type: contentTypeFor(nameOf(path))!,
    }));
    const landed = await landPayloads(landing, payloads);
    landed.forEach((raw, i) => {
      const { info } = readable[i]!;
      known.remember(raw.file_name, {
        size: info.size,
        mtimeMs: info.mtimeMs,
        sha256: raw.sha256,
        landing_key: raw.landing_key,
        source_url: raw.source_url,
        seenAt,
      });
    });
    raws.push(...landed);
    yield { raws, unchanged: seen.length - raws.length - (toRead.length - readable.length), skipped: gone };
    // a killed run's next start re-reads at most this many batches
    if ((start / BATCH) % 64 === 63) await known.save(names);
  }
  await known.save(names);
}
