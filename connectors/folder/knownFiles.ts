// What the folder connector saw of each file last time: size, mtime and the payload's sha256, kept in the
// landing zone per input folder. A file whose size and mtime are unchanged is known without reading it.
// A file modified within MTIME_SLACK_MS of being read may have changed again within the same mtime tick,
// so it is read again next time (git's "racily clean" rule).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { sha256 } from "../../pipelines/landing/landingZone.ts";

export interface KnownFile {
  size: number;
  mtimeMs: number;
  sha256: string;
  landing_key: string;
  source_url: string;
  /** when the file was read */
  seenAt: number;
}

const MTIME_SLACK_MS = 2000;

export class KnownFiles {
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly files: Map<string, KnownFile>,
  ) {}

  static async load(landingRoot: string, folder: string): Promise<KnownFiles> {
    const path = join(landingRoot, "folders", `${sha256(resolve(folder)).slice(0, 24)}.json`);
    const saved = await readFile(path, "utf8").then(
      (s) => JSON.parse(s) as Record<string, KnownFile>,
      () => ({}),
    );
    return new KnownFiles(path, new Map(Object.entries(saved)));
  }

  /** The file as last read, if it cannot have changed since (same size and mtime, not racily modified). */
  unchanged(name: string, size: number, mtimeMs: number): KnownFile | null {
    const known = this.files.get(name);
    if (!known || known.size !== size || known.mtimeMs !== mtimeMs) return null;
    return known.mtimeMs + MTIME_SLACK_MS < known.seenAt ? known : null;
  }

  remember(name: string, file: KnownFile): void {
    this.files.set(name, file);
    this.changed = true;
  }

  /** Keeps only these names (files removed from the folder are forgotten), then saves by rename if anything changed. */
  async save(names: Set<string>): Promise<void> {
    for (const name of this.files.keys()) {
      if (names.has(name)) continue;
      this.files.delete(name);
      this.changed = true;
    }
    if (!this.changed) return;
    this.changed = false;
    await mkdir(join(this.path, ".."), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.files)));
    await rename(tmp, this.path);
  }
}
