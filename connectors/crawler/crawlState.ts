// A source's crawl state, owned by the crawler and kept apart from the warehouse (whose file the load
// stage owns): an append-only journal per source, DATA/crawl/<id>.jsonl, like a Singer STATE stream or a
// Crawlee request queue. A URL's line is written (and fsync'ed) only once what it yielded is landed and
// announced, so a killed crawl redoes at most the URL it was on. The journal also keeps the source's
// runs: one left "running" by a killed process is closed as interrupted by the next, and records the bus
// could not take yet (the warehouse was locked) are sent later. One crawl of a source at a time: a lock
// file beside the journal, taken over when the process that holds it is gone.
import { hostname } from "node:os";
import { mkdir, open, readFile, rename, rm, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RunRecord } from "../../schemas/messages.ts";
import { foldHost } from "../../schemas/sources.ts";

export interface UrlState {
  url: string;
  etag: string | null;
  last_modified: string | null;
  /** of the clean text for pages, of the bytes for files */
  fingerprint: string | null;
  /** report: landed; wrapper: an article whose attachments were landed; not_report: its own title says so; gone: 404/410 */
  kind: "report" | "wrapper" | "not_report" | "gone";
  landing_key: string | null;
  checked_at: string;
  run_id: string;
}

type Line = ({ t: "url"; key: string } & UrlState) | { t: "run"; run: RunRecord; reported: boolean };

export class CrawlLockedError extends Error {
  override name = "CrawlLockedError";
}

/** One state per URL whatever its scheme or www. alias. */
export function urlKey(url: string): string {
  const u = new URL(url);
  return `${foldHost(u.host)}${u.pathname}${u.search}`;
}

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function takeLock(path: string, source: string): Promise<void> {
  if (heldHere.has(path)) throw new CrawlLockedError(`source ${source} is already being crawled by this process`);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, "wx");
      await file.writeFile(mine);
      await file.close();
      heldHere.add(path);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = JSON.parse(await readFile(path, "utf8").catch(() => "{}")) as { pid?: number; host?: string; since?: string };
      // same host and the process is gone (or it is our own pid from before a container restart): stale
      const stale = holder.host === hostname() && (!holder.pid || holder.pid === process.pid || !alive(holder.pid));
      if (!stale) {
        throw new CrawlLockedError(
          `source ${source} is being crawled by pid ${holder.pid ?? "?"} on ${holder.host ?? "?"} since ${holder.since ?? "?"} (lock ${path})`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new CrawlLockedError(`source ${source}: cannot take the lock ${path}`);
}

export class CrawlState {
  private readonly urls = new Map<string, UrlState>();
  private readonly runs = new Map<string, { run: RunRecord; reported: boolean }>();
  private appending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly lockPath: string,
    private readonly journal: FileHandle,
  ) {}

  static async open(dir: string, source: string): Promise<CrawlState> {
    await mkdir(dir, { recursive: true });
    const lockPath = join(dir, `${source}.lock`);
    await takeLock(lockPath, source);
    try {
      const path = join(dir, `${source}.jsonl`);
      const lines = (await readFile(path, "utf8").catch(() => "")).split("\n").filter(Boolean);
      const entries: Line[] = [];
      for (const text of lines) {
        try {
          entries.push(JSON.parse(text) as Line);
        } catch {
          // a line torn by a kill mid-write: what it recorded was not committed
        }
      }
      await compact(path, entries);
      const state = new CrawlState(lockPath, await open(path, "a"));
      for (const e of entries) state.apply(e);
      return state;
    } catch (err) {
      await rm(lockPath, { force: true });
      heldHere.delete(lockPath);
      throw err;
    }
  }

  private apply(line: Line): void {
    if (line.t === "url") {
      const { t: _t, key, ...state } = line;
      this.urls.set(key, state);
    } else {
      this.runs.delete(line.run.run_id);
      this.runs.set(line.run.run_id, { run: line.run, reported: line.reported });
    }
  }

  private append(line: Line): Promise<void> {
    this.apply(line);
    const write = this.appending.then(async () => {
      await this.journal.write(`${JSON.stringify(line)}\n`);
      await this.journal.datasync();
    });
    this.appending = write.catch(() => {});
    return write;
  }

  get(url: string): UrlState | undefined {
    return this.urls.get(urlKey(url));
  }

  commit(state: UrlState): Promise<void> {
    return this.append({ t: "url", key: urlKey(state.url), ...state });
  }

  /** Runs in the order they started. */
  history(): Array<{ run: RunRecord; reported: boolean }> {
    return [...this.runs.values()].sort((a, b) => a.run.started_at.localeCompare(b.run.started_at));
  }

  saveRun(run: RunRecord, reported: boolean): Promise<void> {
    return this.append({ t: "run", run, reported });
  }

  async close(): Promise<void> {
    await this.appending;
    await this.journal.close();
    await rm(this.lockPath, { force: true });
    heldHere.delete(this.lockPath);
  }
}

const KEEP_RUNS = 50;

/** Rewrites the journal as one line per URL and the latest runs, when it has grown past twice that. */
async function compact(path: string, entries: Line[]): Promise<void> {
  const latest = new Map<string, Line>();
  for (const e of entries) latest.set(e.t === "url" ? `u:${e.key}` : `r:${e.run.run_id}`, e);
  if (entries.length < 2 * latest.size + 100) return;
  const runs = [...latest.values()].filter((e) => e.t === "run");
  const keep = [...latest.values()].filter((e) => e.t === "url" || runs.indexOf(e) >= runs.length - KEEP_RUNS);
  const tmp = `${path}.compact`;
  const file = await open(tmp, "w");
  try {
    await file.writeFile(`${keep.map((e) => JSON.stringify(e)).join("\n")}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), "r");
  await dir.sync().finally(() => dir.close());
  entries.splice(0, entries.length, ...keep);
}
