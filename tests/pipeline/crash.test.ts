// Runs killed with SIGKILL again and again (while loading, while publishing a snapshot, at random times),
// with the input changing between runs: readers always find a whole snapshot, and once a run finishes
// the warehouse equals a clean run's over the same input.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO, tempDir } from "../helpers/cli.ts";
import { earlierYearsOfSamples } from "../helpers/sampleCopies.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

type Moment = "publish" | "load" | "random";

/** Runs govkpi and SIGKILLs it at the moment asked for; resolves whether it was killed before it finished. */
function runAndKill(input: string, data: string, moment: Moment): Promise<boolean> {
  const snapshots = join(data, "warehouse", "snapshots");
  mkdirSync(snapshots, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), "run", "--input", input, "--data", data], { stdio: ["ignore", "ignore", "pipe"] });
    const kill = () => child.kill("SIGKILL");
    // a new snapshot folder: the publish has begun and has not committed yet
    const watcher = moment === "publish" ? watch(snapshots, (_event, name) => name && /^\d+$/.test(name) && kill()) : null;
    const timer = moment === "random" ? setTimeout(kill, 300 + Math.random() * 2500) : null;
    child.stderr.on("data", (chunk: Buffer) => {
      if (moment === "load" && /^load: [1-9]/m.test(chunk.toString())) kill();
    });
    child.on("exit", (_code, signal) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve(signal === "SIGKILL");
    });
  });
}

/** A snapshot folder the kill left unfinished: no manifest yet, or never committed. */
function unfinishedSnapshot(data: string): boolean {
  const root = join(data, "warehouse");
  const current = existsSync(join(root, "CURRENT")) ? readFileSync(join(root, "CURRENT"), "utf8").trim() : "";
  return readdirSync(join(root, "snapshots")).some((id) => id > current || !existsSync(join(root, "snapshots", id, "manifest.json")));
}

describe("runs killed again and again", () => {
  it("lose and duplicate nothing: readers see whole snapshots throughout, and the end equals a clean run", async () => {
    const input = earlierYearsOfSamples(150);
    const data = tempDir();
    const moments: Moment[] = ["publish", "load", "random"];
    let kills = 0;
    let duringPublish = 0;
    for (let round = 0; kills < 21 && round < 80; round++) {
      // every few rounds some files change: their reports are replaced (by source URL) in the next run
      if (round % 3 === 2) for (let f = round % 10; f < 150; f += 30) appendFileSync(join(input, readdirSync(input).sort()[f]!), `\n修订${round}\n`);
      const killed = await runAndKill(input, data, moments[round % moments.length]!);
      if (!killed) continue;
      kills++;
      if (unfinishedSnapshot(data)) duringPublish++;
      if (!existsSync(join(data, "warehouse", "CURRENT"))) continue;
      const orphans = await readParquet(data, "SELECT count(*) AS n FROM facts WHERE report_id NOT IN (SELECT report_id FROM reports)");
      expect(orphans, `after kill ${kills}`).toEqual([{ n: "0" }]);
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(duringPublish).toBeGreaterThanOrEqual(3);

    const restart = await govkpi(["run", "--input", input, "--data", data]);
    expect(restart.code, restart.stderr).toBe(0);
    const clean = tempDir();
    expect((await govkpi(["run", "--input", input, "--data", clean])).code).toBe(0);
    const expected = await warehouseContents(clean);
    expect(expected.reports).toHaveLength(150);
    expect(await warehouseContents(data)).toEqual(expected);
    expect(await readParquet(data, "SELECT count(*) AS n FROM dead_letters")).toEqual([{ n: "0" }]);
  }, 600_000);
});
