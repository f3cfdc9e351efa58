// govkpi report writes a static page whose charts really render: opened in headless Chromium (Debian's
// chromium), every chart container holds a drawn canvas and no script error was raised.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, tempDir } from "../helpers/cli.ts";

const CHROMIUM = ["chromium", "chromium-browser"].find((c) => spawnSync(c, ["--version"]).status === 0);
if (!CHROMIUM) console.warn("skipping the rendered-report check: no chromium on this machine (apt-get install chromium)");

function renderedDom(file: string): string {
  return execFileSync(
    CHROMIUM!,
    ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", `--user-data-dir=${tempDir("govkpi-chromium-")}`,
      "--virtual-time-budget=10000", "--dump-dom", `file://${file}`],
    { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
  );
}

describe("govkpi report", () => {
  it("exits 2 when there is no warehouse yet", async () => {
    const run = await govkpi(["report", "--data", tempDir(), "--out", join(tempDir(), "r.html")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no warehouse at/);
  });

  it.skipIf(!CHROMIUM)("renders every chart of a warehouse built from the samples", async () => {
    const data = tempDir();
    expect((await govkpi(["run", "--data", data])).code).toBe(0);
    const out = join(data, "report.html");
    const run = await govkpi(["report", "--data", data, "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const charts = Number(/(\d+) charts/.exec(run.stderr)?.[1]);
    expect(charts).toBeGreaterThanOrEqual(5);
    expect(readFileSync(out, "utf8")).toContain("echarts");

    const dom = renderedDom(out);
    expect(dom).not.toMatch(/data-error=/);
    expect(dom).toContain(`data-charts="${charts}"`);
    const containers = [...dom.matchAll(/<div class="chart" id="[^"]+"([^>]*)>/g)];
    expect(containers).toHaveLength(charts);
    for (const [, attrs] of containers) expect(attrs).toContain('data-rendered="true"');
    expect(dom).toContain("samples/dongyang-health-2022.txt");
  });
});
