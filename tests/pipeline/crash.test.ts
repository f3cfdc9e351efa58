import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

/** 150 distinct reports: the samples, each with a numbered appendix line so their ids differ. */
function manyReports(): string {
  const dir = tempDir();
  const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"));
  for (let i = 0; i < 150; i++) {
    const seed = seeds[i % seeds.length]!;
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${seed}`), `${readFileSync(join(SAMPLES, seed), "utf8")}\n附件${i}\n`);
  }
  return dir;
}

function killMidRun(input: string, data: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), "run", "--input", input, "--data", data], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (chunk: Buffer) => {
      if (/^load: [1-9]/m.test(chunk.toString())) child.kill("SIGKILL");
    });
    child.on("exit", () => resolve());
  });
}


describe("a run killed mid-way", () => {
  it("loses and duplicates nothing once restarted", async () => {
    const input = manyReports();
    const crashed = tempDir();
    await killMidRun(input, crashed);
    const partial = await readParquet(crashed, "SELECT count(*) AS n FROM reports").catch(() => [{ n: 0 }]);
    expect(Number(partial[0]!.n)).toBeLessThan(150);
    const restart = await govkpi(["run", "--input", input, "--data", crashed]);
    expect(restart.code, restart.stderr).toBe(0);

    const clean = tempDir();
    expect((await govkpi(["run", "--input", input, "--data", clean])).code).toBe(0);
    const expected = await warehouseContents(clean);
    expect(expected.reports).toHaveLength(150);
    expect(await warehouseContents(crashed)).toEqual(expected);
  });
});
