// The inbox of the stages running in this process (embedded bus): a raw-report message written (fsync'ed)
// beside the landing zone before a connector counts it as announced (the webhook's 202, the crawler's
// state commit), removed once the report is loaded or dead-lettered. What a crash leaves here is
// re-announced on the next start, so nothing accepted is lost.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { RawReport } from "../schemas/messages.ts";

export class Inbox {
  constructor(readonly dir: string) {}

  private path(landingKey: string): string {
    return join(this.dir, `${landingKey.split("/").at(-1)}.json`);
  }

  async add(raw: RawReport): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // the same report posted twice at once: each writes its own file aside
    const tmp = `${this.path(raw.landing_key)}.${randomBytes(6).toString("hex")}.tmp`;
    const file = await open(tmp, "w");
    try {
      await file.writeFile(JSON.stringify(raw));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.path(raw.landing_key));
    const dir = await open(this.dir, "r");
    await dir.sync().finally(() => dir.close());
  }

  async remove(landingKey: string): Promise<void> {
    await rm(this.path(landingKey), { force: true });
  }

  /**
   * Messages accepted but not yet settled, e.g. by a process killed right after its 202. An entry that is
   * not a message (a damaged disk, a hand edit) is set aside as .bad with one line, never a failed start.
   */
  async pending(): Promise<RawReport[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    const raws: RawReport[] = [];
    for (const f of files.filter((f) => f.endsWith(".json"))) {
      const path = join(this.dir, f);
      try {
        raws.push(RawReport.parse(JSON.parse(await readFile(path, "utf8"))));
      } catch (err) {
        console.error(`inbox: ${path} is not a report message (${(err as Error).message.split("\n")[0]}); set aside as ${f}.bad`);
        await rename(path, `${path}.bad`);
      }
    }
    return raws;
  }
}
