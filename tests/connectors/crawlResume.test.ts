// SIGKILL of govkpi crawl at several points (reading list pages, fetching articles, loading after the
// crawl), then a crawl to the end: every report is loaded once, the warehouse equals an uninterrupted
// crawl's, killed runs are closed as interrupted, and a resumed run does not fetch again what the killed
// one had committed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";
import { COUNTY, countySite } from "./govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "./govWeb/vhost.ts";
import { crawl, resolveArgs, sourcesFile, spawnGovkpi } from "./govWeb/crawlCli.ts";

let web: GovWeb;
beforeAll(async () => {
  web = await startGovWeb((origin) => countySite(origin));
});
afterAll(() => web.close());

const until = async (done: () => boolean, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Starts a crawl and SIGKILLs it once `when` holds; returns the hits the server saw during it. */
async function killedCrawl(sources: string, data: string, when: (hits: number, stderr: string) => boolean) {
  const from = web.hits.length;
  const run = spawnGovkpi(["crawl", "--sources", sources, "--data", data, ...resolveArgs(web)]);
  await until(() => when(web.hits.length - from, run.stderr()), "the kill point");
  run.child.kill("SIGKILL");
  await run.exited;
  return web.hits.slice(from);
}

const journal = (data: string) =>
  readFileSync(join(data, "crawl", "county-fzb.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { t: string; url?: string; run_id?: string; run?: { run_id: string } });

describe("govkpi crawl killed and run again", () => {
  it("loads every report once, as an uninterrupted crawl does", async () => {
    const sources = sourcesFile(web, [{ id: "county-fzb", host: "fzb.gov.test", path: "/zwgk/fzzfjs/" }]);
    const baseline = tempDir();
    expect((await crawl(web, sources, baseline)).code).toBe(1);

    const data = tempDir();
    // 1: while reading the list pages
    await killedCrawl(sources, data, (hits) => hits >= 3);
    // 2: in the middle of the articles
    await killedCrawl(sources, data, (hits) => hits >= 10);
    const secondRun = journal(data)
      .filter((e) => e.t === "run")
      .at(-1)!.run!.run_id;
    const committed = journal(data)
      .filter((e) => e.t === "url" && e.run_id === secondRun)
      .map((e) => new URL(e.url!).pathname);
    expect(committed.length).toBeGreaterThan(0);
    // 3: once the crawl is over, while the stages load what it found
    const resumed = await killedCrawl(sources, data, (_hits, stderr) => /"msg":"crawl ended"/.test(stderr));
    for (const path of committed)
      expect(
        resumed.filter((h) => h.path === path),
        `${path} fetched again`,
      ).toEqual([]);
    // the kill did catch reports announced and not yet loaded: the next run's stages take them from the inbox
    expect(readdirSync(join(data, "inbox")).filter((f) => f.endsWith(".json")).length).toBeGreaterThan(0);

    const last = await crawl(web, sources, data);
    expect(last.code, last.stderr).toBe(0);
    const reports = await readParquet(data, "SELECT title, count(*)::INTEGER AS n FROM reports GROUP BY title ORDER BY title");
    expect(reports).toEqual(
      Object.values(COUNTY)
        .map((r) => ({ title: r.title, n: 1 }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    );
    expect(await warehouseContents(data)).toEqual(await warehouseContents(baseline));

    // the third run had ended before its kill; the last one finds nothing new
    const runs = await readParquet(data, "SELECT status FROM runs ORDER BY started_at");
    expect(runs.map((r) => r.status)).toEqual(["interrupted", "interrupted", expect.stringMatching(/^(ok|partial)$/), "unchanged"]);
  }, 240_000);
});
