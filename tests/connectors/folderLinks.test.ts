// The folder connector on folders as users leave them: symbolic links inside the folder are followed,
// links out of it are not, and a link loop or a dangling link is skipped with a one-line reason while the
// rest of the folder loads.
import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

describe("folder import and symbolic links", () => {
  it("follows links within the folder, skips loops, dangling links and links out of the folder with their reason", async () => {
    const input = tempDir();
    const outside = tempDir();
    copyFileSync(join(SAMPLES, "nantong-health-2023.txt"), join(input, "nantong-health-2023.txt"));
    mkdirSync(join(input, "archive"));
    copyFileSync(join(SAMPLES, "dongyang-health-2022.txt"), join(input, "archive", "dongyang.txt"));
    copyFileSync(join(SAMPLES, "nanshan-health-2024.txt"), join(outside, "nanshan.txt"));
    symlinkSync(join(input, "archive", "dongyang.txt"), join(input, "dongyang-link.txt"));
    symlinkSync(join(outside, "nanshan.txt"), join(input, "outside-link.txt"));
    symlinkSync(join(input, "loop-b.txt"), join(input, "loop-a.txt"));
    symlinkSync(join(input, "loop-a.txt"), join(input, "loop-b.txt"));
    symlinkSync(join(input, "gone.txt"), join(input, "dangling.txt"));

    const data = tempDir();
    const run = await govkpi(["run", "--input", input, "--data", data]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const skipped = run.stderr.split("\n").filter((l) => l.startsWith("skipped"));
    expect(skipped).toEqual([
      "skipped dangling.txt: dangling symbolic link (its target does not exist)",
      "skipped loop-a.txt: symbolic link loop",
      "skipped loop-b.txt: symbolic link loop",
      expect.stringMatching(/^skipped outside-link\.txt: symbolic link to .*nanshan\.txt, outside the input folder: not followed$/),
    ]);
    const reports = await readParquet(data, "SELECT file_name, org_name FROM reports ORDER BY file_name");
    expect(reports).toEqual([
      { file_name: "dongyang-link.txt", org_name: "东阳市卫生健康局" },
      { file_name: "nantong-health-2023.txt", org_name: "南通市卫生健康委员会" },
    ]);
  });
});
