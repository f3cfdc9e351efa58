// What an operator meets when the machine, not a report, is at fault: a full disk, a data dir another
// process holds, half-written files a killed run left behind.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { LandingZone } from "../../pipelines/landing/landingZone.ts";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync("umount", ["-l", dir]);
});

/** A tmpfs of `mb` megabytes, or null where this process may not mount (not root, no CAP_SYS_ADMIN). */
function smallDisk(mb: number): string | null {
  const dir = tempDir("govkpi-disk-");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${mb}m`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return null;
  }
  mounted.push(dir);
  return dir;
}

/** 300 distinct reports of ~15 KB each (more than the small disk holds): the samples with a numbered appendix. */
function reportsFolder(): string {
  const dir = tempDir();
  const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"));
  for (let i = 0; i < 300; i++) {
    const seed = seeds[i % seeds.length]!;
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${seed}`), `${readFileSync(join(SAMPLES, seed), "utf8")}\n附件${i}\n`);
  }
  return dir;
}

describe("when the machine is at fault", () => {
  const disk = smallDisk(4);
  it.skipIf(!disk)(
    "a full disk stops the run with one line and exit 1, dead-letters nothing, and a run with space loads everything",
    async () => {
      const input = reportsFolder();
      const data = join(disk!, "data");
      const full = await govkpi(["run", "--input", input, "--data", data]);
      expect(full.code, full.stdout).toBe(1);
      const lines = full.stderr
        .trim()
        .split("\n")
        .filter((l) => !/^(parse|extract|load|dead-letters): /.test(l));
      expect(lines.at(-1)).toMatch(/^govkpi run: the disk is full \(.*\): free some space, then run again/);
      expect(full.stderr).not.toMatch(/^\s+at /m);
      expect(full.stderr).not.toMatch(/^error: /m);

      execFileSync("mount", ["-o", "remount,size=64m", disk!]);
      const again = await govkpi(["run", "--input", input, "--data", data]);
      expect(again.code, again.stderr).toBe(0);
      expect(await readParquet(data, "SELECT count(*) AS n FROM dead_letters")).toEqual([{ n: "0" }]);
      const clean = tempDir();
      expect((await govkpi(["run", "--input", input, "--data", clean])).code).toBe(0);
      expect(await warehouseContents(data)).toEqual(await warehouseContents(clean));
    },
    180_000,
  );

  it("a second run on a data dir in use says so in one line, exit 1", async () => {
    const data = tempDir();
    const holder = await Warehouse.open(data, { publishIntervalMs: null });
    try {
      const run = await govkpi(["run", "--data", data]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toMatch(
        new RegExp(
          `^govkpi run: the data directory ${data} is in use by another govkpi process \\(pid ${process.pid}\\): wait for it to finish or use another --data$`,
        ),
      );
    } finally {
      await holder.close();
    }
  });

  it("a start sweeps the temp files of writers that are gone, and keeps a live writer's", async () => {
    const data = tempDir();
    const tmp = join(data, "landing", "tmp");
    mkdirSync(tmp, { recursive: true });
    const dead = join(tmp, `${hostname()}~999999999~aa.tmp`);
    const live = join(tmp, `${hostname()}~${process.pid}~bb.tmp`);
    const old = join(tmp, `elsewhere~1~cc.tmp`);
    for (const f of [dead, live, old]) writeFileSync(f, "half a payload");
    utimesSync(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    expect(await new LandingZone(join(data, "landing")).sweep()).toBe(2);
    expect([existsSync(dead), existsSync(live), existsSync(old)]).toEqual([false, true, false]);
  });
});
