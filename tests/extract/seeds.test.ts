// The extractor on the bundled seed reports, scored by the shared scorer against the hand-made gold
// labels when ../shared is present (CI has it; a bare clone skips this visibly).
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, SHARED, tempDir } from "../helpers/cli.ts";

const GOLD = join(SHARED, "kpi", "gold");
const SCORER = join(SHARED, "tools", "score.mjs");
const present = existsSync(GOLD) && existsSync(SCORER);
if (!present) console.warn(`skipping the gold-label score: ${GOLD} not found`);

describe.skipIf(!present)("extraction on the seeds, scored against the gold labels", () => {
  it("reaches the acceptance thresholds: core F1 ≥ 0.95, all F1 ≥ 0.90, metadata ≥ 0.95", async () => {
    const seeds = ["dongyang-health-2022", "heilongjiang-health-2020", "nanshan-health-2024", "nantong-health-2023", "redacted-city-health-2022"];
    const run = await govkpi(["extract", ...seeds.map((s) => join(SAMPLES, `${s}.txt`))]);
    expect(run.code, run.stderr).toBe(0);
    const pred = join(tempDir(), "pred.jsonl");
    writeFileSync(pred, run.stdout);
    const score = JSON.parse(execFileSync(process.execPath, [SCORER, "--gold", GOLD, "--pred", pred, "--json"], { encoding: "utf8" }));
    expect(score.core.f1).toBeGreaterThanOrEqual(0.95);
    expect(score.all.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.meta.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
