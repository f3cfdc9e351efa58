import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

const letters = (data: string) =>
  readParquet(data, "SELECT id, stage, reason, source_url, landing_key, failed_at::VARCHAR AS failed_at FROM dead_letters ORDER BY source_url");

describe("govkpi dlq", () => {
  it("lists and shows dead letters, leaves them alone on a re-run, and replays them once their cause is gone", async () => {
    const input = tempDir();
    const data = tempDir();
    copyFileSync(join(SAMPLES, "redacted-city-health-2022.txt"), join(input, "small.txt"));
    // one report bigger than the character cap this run sets, and the same bad bytes under two names
    copyFileSync(join(SAMPLES, "heilongjiang-health-2020.txt"), join(input, "large.txt"));
    writeFileSync(join(input, "bad-a.txt"), Buffer.from([0, 159, 146, 150, 0, 0]));
    writeFileSync(join(input, "bad-b.txt"), Buffer.from([0, 159, 146, 150, 0, 0]));
    const cap = readFileSync(join(SAMPLES, "heilongjiang-health-2020.txt"), "utf8").length - 100;
    expect(readFileSync(join(SAMPLES, "redacted-city-health-2022.txt"), "utf8").length).toBeLessThan(cap);

    const first = await govkpi(["run", "--input", input, "--data", data, "--max-chars", String(cap)]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/1 loaded, 3 errors \(dead letters\)/);
    const before = await letters(data);
    expect(before.map((l) => [String(l.source_url).split("/").at(-1), l.stage])).toEqual([
      ["bad-a.txt", "parse"],
      ["bad-b.txt", "parse"],
      ["large.txt", "parse"],
    ]);
    expect(before[0]!.landing_key).toBe(before[1]!.landing_key);
    expect(before[0]!.id).not.toBe(before[1]!.id);
    const large = before[2]!;
    expect(large.reason).toMatch(new RegExp(`over the limit of ${cap} characters per document \\(--max-chars\\)`));

    // a re-run does not feed them to the stages again: same letters, same times
    const again = await govkpi(["run", "--input", input, "--data", data, "--max-chars", String(cap)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 loaded, 0 errors \(dead letters\), 0 files skipped, 3 dead-lettered before/);
    expect(await letters(data)).toEqual(before);

    const list = await govkpi(["dlq", "list", "--data", data, "--format", "json"]);
    expect(list.code, list.stderr).toBe(0);
    const listed = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(listed.map((l) => l.id).sort()).toEqual(before.map((l) => l.id).sort());
    const shown = await govkpi(["dlq", "show", String(large.id), "--data", data]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`landing_key: ${large.landing_key}`);
    expect(shown.stdout).toContain("--max-chars");

    // the cause removed: a larger cap
    const replay = await govkpi(["dlq", "replay", String(large.id), "--data", data, "--max-chars", String(cap * 2)]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/1 loaded, 0 errors/);
    const reports = await readParquet(data, "SELECT file_name, landing_key FROM reports ORDER BY file_name");
    expect(reports.map((r) => r.file_name)).toEqual(["large.txt", "small.txt"]);
    expect((await letters(data)).map((l) => l.id)).toEqual([before[0]!.id, before[1]!.id]);

    // bad bytes stay bad: replayed, they dead-letter again, under the same ids, each with its own source
    const all = await govkpi(["dlq", "replay", "--all", "--data", data]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/0 loaded, 2 errors/);
    expect((await letters(data)).map((l) => [l.id, l.source_url])).toEqual(before.slice(0, 2).map((l) => [l.id, l.source_url]));
  }, 240_000);

  it("says what is wrong: replay without ids, an unknown id", async () => {
    const data = tempDir();
    expect((await govkpi(["run", "--input", tempDir(), "--data", data])).code).toBe(0);
    const none = await govkpi(["dlq", "replay", "--data", data]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/name the dead letters to replay .* or --all/);
    const unknown = await govkpi(["dlq", "show", "0123456789ab", "--data", data]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no dead letter with id 0123456789ab");
    expect((await govkpi(["dlq", "list", "--data", data])).stdout).toContain("(0 rows)");
  }, 120_000);
});
