// The landing zone: every payload written once, content-addressed by sha256, before any stage sees it,
// with the raw-report message that announced it beside it (so a re-run has every hint the connector saw).
// Messages carry the key; re-processing reads the originals back from here. Writes come in batches: all
// files of a batch are written, fsync'ed together, renamed into place, then each folder fsync'ed once.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { RawReport } from "../../schemas/messages.ts";
import { fsyncPath } from "../fsync.ts";

export interface Landed {
  key: string;
  sha256: string;
  bytes: number;
  /** false when the same bytes were already there */
  fresh: boolean;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

const KEY = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
const TMP_DIR = "tmp";
/** A temp file no live writer can still hold: its process is gone, or it is older than this. */
const STALE_TMP_MS = 60 * 60 * 1000;
const HOST = hostname().replace(/[^\w.-]/g, "_");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** One file to land: a path below the root and its content. */
interface Entry {
  path: string;
  data: Uint8Array | string;
}

export class LandingZone {
  constructor(readonly root: string) {}

  /** The key content-addressing these bytes, without writing anything. */
  static keyOf(bytes: Uint8Array | string): { key: string; sha256: string } {
    const hash = sha256(bytes);
    return { key: `sha256/${hash.slice(0, 2)}/${hash}`, sha256: hash };
  }

  async put(bytes: Uint8Array): Promise<Landed> {
    return (await this.putMany([bytes]))[0]!;
  }

  /** Lands payloads durably (one group of fsyncs for all of them); the same bytes twice are stored once. */
  async putMany(payloads: Uint8Array[]): Promise<Landed[]> {
    const landed = payloads.map((bytes) => ({ ...LandingZone.keyOf(bytes), bytes: bytes.byteLength, data: bytes }));
    const fresh = await this.store(landed.map((l) => ({ path: l.key, data: l.data })));
    return landed.map(({ key, sha256, bytes }) => ({ key, sha256, bytes, fresh: fresh.has(key) }));
  }

  /** Lands payloads and the raw-report messages announcing them, all in one durable batch. */
  async land(items: Array<{ bytes: Uint8Array; message: (landed: Omit<Landed, "fresh">) => RawReport }>): Promise<RawReport[]> {
    const raws = items.map(({ bytes, message }) => message({ ...LandingZone.keyOf(bytes), bytes: bytes.byteLength }));
    await this.store([
      ...items.map((item, i) => ({ path: raws[i]!.landing_key, data: item.bytes })),
      ...raws.map((raw) => ({ path: messagePath(raw.landing_key, raw.source_url), data: JSON.stringify(raw) })),
    ]);
    return raws;
  }

  async get(key: string): Promise<Buffer> {
    if (!KEY.test(key)) throw new Error(`not a landing-zone key: ${key}`);
    return readFile(join(this.root, key));
  }

  /** The message that announced this payload from this source, as the connector wrote it (null: landed before messages were kept). */
  async message(landingKey: string, sourceUrl: string): Promise<RawReport | null> {
    if (!KEY.test(landingKey)) throw new Error(`not a landing-zone key: ${landingKey}`);
    const text = await readFile(join(this.root, messagePath(landingKey, sourceUrl)), "utf8").catch(() => null);
    return text === null ? null : RawReport.parse(JSON.parse(text));
  }

  /** Removes the temp files of writers that are gone (a killed run's half-written payloads). */
  async sweep(): Promise<number> {
    const dir = join(this.root, TMP_DIR);
    let swept = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const [host, pid] = name.split("~");
      const path = join(dir, name);
      const age = Date.now() - ((await stat(path).catch(() => null))?.mtimeMs ?? Date.now());
      if ((host === HOST && !alive(Number(pid))) || age > STALE_TMP_MS) {
        await rm(path, { force: true });
        swept++;
      }
    }
    return swept;
  }

  /** Writes the entries not there yet: temp files, fsync'ed together, renamed into place, each folder fsync'ed once. Returns the paths written. */
  private async store(entries: Entry[]): Promise<Set<string>> {
    const missing = new Map<string, Entry>();
    for (const e of entries) {
      if (missing.has(e.path)) continue;
      if (
        !(await stat(join(this.root, e.path)).then(
          () => true,
          () => false,
        ))
      )
        missing.set(e.path, e);
    }
    if (!missing.size) return new Set();
    const tmpDir = join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const writes = [...missing.values()].map((e) => ({ ...e, tmp: join(tmpDir, `${HOST}~${process.pid}~${randomBytes(6).toString("hex")}.tmp`) }));
    try {
      await Promise.all(
        writes.map(async (w) => {
          const handle = await open(w.tmp, "w");
          try {
            await handle.writeFile(w.data);
            await handle.sync();
          } finally {
            await handle.close();
          }
        }),
      );
      const dirs = new Set(writes.map((w) => dirname(join(this.root, w.path))));
      for (const d of dirs) await mkdir(d, { recursive: true });
      for (const w of writes) await rename(w.tmp, join(this.root, w.path));
      // the renames themselves must survive a power cut before anyone is told the payloads are safe
      await Promise.all([...dirs].map(fsyncPath));
    } catch (err) {
      await Promise.all(writes.map((w) => rm(w.tmp, { force: true })));
      throw err;
    }
    return new Set(missing.keys());
  }
}

/** Where the message announcing a payload from one source lies: beside the payload. */
const messagePath = (landingKey: string, sourceUrl: string) => `${landingKey}.${sha256(sourceUrl).slice(0, 16)}.json`;
