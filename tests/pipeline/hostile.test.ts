// Hostile documents end to end, as issues #14 and #15 met them: the corrupt PDF whose CMap made pdf.js abort
// the process, 1 MB of an aside that never closes, zip bombs of both kinds, a 2,000-page PDF and a 60 MB
// text, beside good reports. In `run` and in `serve` each ends as a dead letter naming its bound or as a
// bounded success, the good ones load, and the whole process tree (the document pool's workers with it)
// stays under 1 GB resident.
import { spawn } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, SAMPLES, tempDir } from "../helpers/cli.ts";
import { cmapBombPdf, endlessAsideText, hugeText, manyPagesPdf, paragraphBombDocx, ratioBombDocx } from "../helpers/hostile.ts";
import { watchTreeRss } from "../helpers/processTree.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { killServers, loadedReports, post, serve, type Served } from "../connectors/webhookCli.ts";

const MB = 1 << 20;
const GB = 1 << 30;

/** file name, content type, bytes, and the dead letter's reason (null: a bounded success, it loads) */
type Hostile = [string, string, Buffer, RegExp | null];

let hostile: Hostile[];
const GOOD = ["nantong-health-2023.txt", "dongyang-health-2022.txt"];

beforeAll(() => {
  const seed = readFileSync(join(SAMPLES, "nanshan-health-2024.txt"), "utf8");
  hostile = [
    ["cmap-bomb.pdf", "application/pdf", cmapBombPdf(), /^memory budget of 384 MB exceeded \(\d+ MB resident\)$/],
    ["aside.txt", "text/plain; charset=utf-8", Buffer.from(endlessAsideText(MB)), null],
    [
      "ratio-bomb.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ratioBombDocx(200),
      /would inflate \d+× .* over the limit of 100×: a zip bomb/,
    ],
    [
      "paragraphs.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      paragraphBombDocx(2_000_000),
      /^DOCX text of ~\d+ characters .* over the limit of 2000000 characters per document \(--max-chars\)$/,
    ],
    [
      "pages-2000.pdf",
      "application/pdf",
      manyPagesPdf(2000, "Annual report of the bureau, line with figures 12 and 34"),
      /by page \d+ of 2000 is over the limit of 2000000 characters/,
    ],
    ["huge.txt", "text/plain; charset=utf-8", Buffer.from(hugeText(seed, 60 * MB)), /^\d+ bytes of text is over the limit of 2000000 characters per document/],
  ];
}, 60_000);

const letters = (data: string) => readParquet(data, "SELECT source_url, stage, reason, id FROM dead_letters ORDER BY source_url");

/** The dead letters by file name, each with its reason, against what each hostile file must end as. */
function expectLetters(rows: Record<string, unknown>[], nameOf: (sourceUrl: string) => string) {
  const byName = new Map(rows.map((r) => [nameOf(String(r.source_url)), String(r.reason)]));
  for (const [name, , , reason] of hostile) {
    if (reason) expect(byName.get(name), name).toMatch(reason);
    else expect(byName.has(name), name).toBe(false);
  }
  expect(rows.length).toBe(hostile.filter(([, , , reason]) => reason).length);
}

/** Runs the CLI as a user would, sampling its process tree's resident memory. */
function govkpiMeasured(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peakBytes: number }> {
  const child = spawn(process.execPath, [join(REPO, "bin", "govkpi.mjs"), ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  const rss = watchTreeRss(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr, peakBytes: rss.stop() })));
}

describe("hostile documents in govkpi run", () => {
  it("each ends as a dead letter with its bound or a bounded success, the good reports load, under 1 GB for the process tree", async () => {
    const input = tempDir();
    const data = tempDir();
    for (const [name, , bytes] of hostile) writeFileSync(join(input, name), bytes);
    for (const name of GOOD) copyFileSync(join(SAMPLES, name), join(input, name));

    const run = await govkpiMeasured(["run", "--input", input, "--data", data]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 loaded, 5 errors \(dead letters\)/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.peakBytes, `peak ${Math.round(run.peakBytes / MB)} MB`).toBeLessThan(GB);
    console.log(`govkpi run over ${readdirSync(input).length} files: process tree peak ${Math.round(run.peakBytes / MB)} MB resident`);

    expectLetters(await letters(data), (url) => url.split("/").at(-1)!);
    const loaded = await readParquet(data, "SELECT file_name FROM reports ORDER BY file_name");
    expect(loaded.map((r) => r.file_name)).toEqual(["aside.txt", ...GOOD].sort());

    // a re-run leaves the poison alone: nothing crashes, nothing is tried again
    const again = await govkpiMeasured(["run", "--input", input, "--data", data]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 loaded, 0 errors \(dead letters\), 0 files skipped, 5 dead-lettered before/);
  }, 300_000);
});

describe("hostile documents posted to govkpi serve", () => {
  afterAll(killServers);

  /** GET /healthz every 100 ms: the slowest answer, and any that failed. */
  function watchHealth(url: string) {
    let slowest = 0;
    const failures: string[] = [];
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        const start = Date.now();
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => e);
        if (res instanceof Error || res.status !== 200) failures.push(res instanceof Error ? res.message : `HTTP ${res.status}`);
        slowest = Math.max(slowest, Date.now() - start);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      return { slowest, failures };
    };
  }

  it("stays healthy while each is posted, loads the good report posted after them, and does not crash-loop after a restart", async () => {
    const data = tempDir();
    // a body limit above the 60 MB text, so that it reaches the parse stage (the default, 50 MB, answers 413)
    const args = ["--max-bytes", String(80 * MB), "--run-idle-seconds", "1"];
    const served: Served = await serve(data, args);
    const rss = watchTreeRss(served.child.pid!);
    const health = watchHealth(served.url);

    for (const [name, type, bytes] of hostile) {
      const res = await post(served.url, bytes, type, undefined, { "x-source-url": `https://hostile.gov.test/${name}` });
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(202);
    }
    const good = readFileSync(join(SAMPLES, GOOD[0]!));
    expect((await post(served.url, good, "text/plain; charset=utf-8", undefined, { "x-source-url": "https://good.gov.test/report" })).status).toBe(202);

    const reports = await loadedReports(data, 2, "source_url");
    expect(reports.map((r) => r.source_url)).toEqual(["https://good.gov.test/report", "https://hostile.gov.test/aside.txt"]);
    let rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 150 && rows.length < 5; i++) {
      rows = await letters(data).catch(() => []);
      await new Promise((r) => setTimeout(r, 200));
    }
    expectLetters(rows, (url) => url.split("/").at(-1)!);
    const { slowest, failures } = await health();
    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(2000);
    const peak = rss.stop();
    expect(peak, `peak ${Math.round(peak / MB)} MB`).toBeLessThan(GB);
    console.log(`govkpi serve: process tree peak ${Math.round(peak / MB)} MB resident, slowest /healthz ${slowest} ms`);
    expect(served.child.exitCode).toBeNull();

    // killed and started again: the inbox announces no dead-lettered payload, the server stays up
    served.child.kill("SIGKILL");
    await new Promise((r) => served.child.once("exit", r));
    expect(readdirSync(join(data, "inbox")).filter((f) => f.endsWith(".json"))).toEqual([]);
    const restarted = await serve(data, args);
    const after = watchHealth(restarted.url);
    await new Promise((r) => setTimeout(r, 5000));
    expect(await after()).toMatchObject({ failures: [] });
    expect(restarted.child.exitCode).toBeNull();
    expect(restarted.log()).not.toMatch(/re-announced/);
    expect((await letters(data)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  }, 300_000);
});
