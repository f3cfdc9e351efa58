// Every ingest path leaves a run in `runs` under its source's identity: a folder run (folder:NAME, also the
// reports' source), a reprocess; and the CLI says its version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

describe("runs of every ingest path", () => {
  it("records a folder run under folder:NAME, new then unchanged, and a reprocess", async () => {
    const data = tempDir();
    for (const args of [["run", "--input", SAMPLES], ["run", "--input", SAMPLES], ["reprocess"]]) {
      const r = await govkpi([...args, "--data", data]);
      expect(r.code, r.stderr).toBe(0);
    }
    const runs = await readParquet(
      data,
      "SELECT source, kind, status, discovered, new, not_modified, excluded, failed, duration_s >= 0 AS timed FROM runs ORDER BY started_at",
    );
    // samples/ holds five reports and NOTICE.md, which is not a report file
    expect(runs).toEqual([
      { source: "folder:samples", kind: "folder", status: "ok", discovered: 6, new: 5, not_modified: 0, excluded: 1, failed: 0, timed: true },
      { source: "folder:samples", kind: "folder", status: "unchanged", discovered: 6, new: 0, not_modified: 5, excluded: 1, failed: 0, timed: true },
      { source: "reprocess", kind: "reprocess", status: "unchanged", discovered: 5, new: 0, not_modified: 5, excluded: 0, failed: 0, timed: true },
    ]);
    expect(await readParquet(data, "SELECT DISTINCT source FROM reports")).toEqual([{ source: "folder:samples" }]);
  }, 120_000);

  it("says its version", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };
    const r = await govkpi(["--version"]);
    expect(r.stdout.trim()).toBe(version);
  });
});
