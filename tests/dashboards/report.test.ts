// govkpi report over a generated warehouse of ≥ 200 reports (≥ 5 provinces, 3 levels, 6 years): the page
// opened in headless Chromium (Debian's chromium, CJK font fonts-noto-cjk) draws every chart, raises no
// script error, filters by province and year, and a screenshot read back by OCR (tesseract, chi_sim)
// shows the Chinese metric labels with their units.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { generateKpiWarehouse } from "../helpers/kpiWarehouse.ts";
import { readParquet } from "../helpers/warehouse.ts";

const CHROMIUM = ["chromium", "chromium-browser"].find((c) => spawnSync(c, ["--version"]).status === 0);
if (!CHROMIUM) console.warn("skipping the rendered-report checks: no chromium on this machine (apt-get install chromium)");
const OCR = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8" }).stdout?.includes("chi_sim");
if (!OCR) console.warn("skipping the screenshot OCR check: no tesseract with chi_sim (apt-get install tesseract-ocr tesseract-ocr-chi-sim)");

const chromiumArgs = (extra: string[], url: string) => [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--user-data-dir=${tempDir("govkpi-chromium-")}`,
  "--virtual-time-budget=10000",
  ...extra,
  url,
];
const renderedDom = (url: string) =>
  execFileSync(CHROMIUM!, chromiumArgs(["--dump-dom"], url), {
    encoding: "utf8",
    timeout: 90_000,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });

let data: string;
let out: string;
let stderr: string;
beforeAll(async () => {
  data = tempDir();
  const made = await generateKpiWarehouse(data);
  expect(made.reports).toBeGreaterThanOrEqual(200);
  out = join(data, "report.html");
  const run = await govkpi(["report", "--data", data, "--out", out]);
  expect(run.code, run.stderr).toBe(0);
  stderr = run.stderr;
}, 180_000);

describe("govkpi report", () => {
  it("exits 2 when there is no warehouse yet", async () => {
    const run = await govkpi(["report", "--data", tempDir(), "--out", join(tempDir(), "r.html")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no warehouse at/);
  });

  it("carries every province, level and year, Chinese labels with units, and every source id's freshness", async () => {
    expect(stderr).toMatch(/(\d+) provinces/);
    expect(Number(/(\d+) provinces/.exec(stderr)![1])).toBeGreaterThanOrEqual(5);
    const html = readFileSync(out, "utf8");
    const page = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(page.years).toHaveLength(6);
    const all = page.datasets[""];
    const trend = all["govkpi-kpi-trends-7"];
    expect(trend.columns).toEqual(["year", "省级", "市级", "县级"]);
    for (const label of ["信访总量（件）", "罚没款（元）", "承诺时限压缩比（%）", "行政许可决定（件）"]) expect(html).toContain(label);
    const freshness = all["govkpi-ingest-ops-1"].rows;
    const sources = (await readParquet(data, "SELECT DISTINCT source FROM reports ORDER BY 1")).map((r) => r.source);
    expect(sources.length).toBeGreaterThanOrEqual(6);
    expect(freshness.map((r: { source: string }) => r.source).sort()).toEqual(sources);
    for (const r of freshness) expect(typeof r.hours_since_success).toBe("number");
    const evidence = all["govkpi-evidence-1"].rows;
    expect(evidence.length).toBeGreaterThan(100);
    expect(evidence.every((r: { evidence: string }) => r.evidence.length > 0)).toBe(true);
  });

  it.skipIf(!CHROMIUM)("draws every chart for all provinces, and for one province and year", () => {
    for (const query of ["", `?province=${encodeURIComponent("河北省")}&year=2021`]) {
      const dom = renderedDom(`file://${out}${query}`);
      expect(dom).not.toMatch(/data-error=/);
      const drawn = Number(/data-charts="(\d+)"/.exec(dom)?.[1]);
      expect(drawn).toBeGreaterThanOrEqual(5);
      expect([...dom.matchAll(/class="chart[^"]*" id="[^"]+"[^>]*data-rendered="true"/g)]).toHaveLength(drawn);
      expect(dom).toMatch(/<th data-col="org_name">/);
      if (query) expect(dom).not.toMatch(/<td>山西省<\/td>/);
    }
  });

  it.skipIf(!CHROMIUM || !OCR)("a screenshot shows the Chinese labels and units (read back by OCR)", { timeout: 240_000 }, () => {
    const png = join(data, "report.png");
    execFileSync(CHROMIUM!, chromiumArgs(["--window-size=1400,2200", "--force-device-scale-factor=2", `--screenshot=${png}`], `file://${out}`), {
      timeout: 90_000,
      stdio: "ignore",
    });
    const text = execFileSync("tesseract", [png, "-", "-l", "chi_sim"], { encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "ignore"] })
      // OCR reads a full-width bracket as （, ( or 〈
      .replace(/\s+/g, "")
      .replace(/[（〈]/g, "(")
      .replace(/[）〉]/g, ")");
    for (const label of ["信访总量(件)", "罚没款(元)", "承诺时限压缩比(%)", "省级", "市级", "县级", "同比"])
      expect(text, `the screenshot shows ${label}`).toContain(label);
  });
});
