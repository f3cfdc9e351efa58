// The landing zone: every payload written once, content-addressed by sha256, before any stage sees it.
// Messages carry the key; re-processing reads the originals back from here.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface Landed {
  key: string;
  sha256: string;
  bytes: number;
  /** false when the same bytes were already there */
  fresh: boolean;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

/** The rename itself must survive a power cut before anyone is told the payload is safe. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LandingZone {
  constructor(readonly root: string) {}

  async put(bytes: Uint8Array): Promise<Landed> {
    const hash = sha256(bytes);
    const key = `sha256/${hash.slice(0, 2)}/${hash}`;
    const path = join(this.root, key);
    const exists = await stat(path).then(() => true, () => false);
    if (!exists) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, path);
      await fsyncDir(dirname(path));
    }
    return { key, sha256: hash, bytes: bytes.byteLength, fresh: !exists };
  }

  async get(key: string): Promise<Buffer> {
    if (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`not a landing-zone key: ${key}`);
    return readFile(join(this.root, key));
  }
}
