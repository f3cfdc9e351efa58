// govkpi crawl against a fake government website on loopback.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { startFakeSite, type FakeSite } from "./fakeSite.ts";

let site: FakeSite;
beforeAll(async () => {
  site = await startFakeSite();
});
afterAll(() => site.close());

function sourcesFile(): string {
  const file = join(tempDir(), "sources.yaml");
  writeFileSync(
    file,
    `sources:
  - id: fake-health
    start_urls: [${site.origin}/fzzfjs/index.html]
    allow_hosts: ["${site.host}"]
    schedule: "0 3 * * 1"
    rate_per_minute: 600
    timeout_seconds: 1
    max_bytes: 2000000
`,
  );
  return file;
}

describe("govkpi crawl", () => {
  it("finds every report it should and no other page, politely; a second crawl fetches nothing new", async () => {
    const data = tempDir();
    const sources = sourcesFile();
    const first = await govkpi(["crawl", "--sources", sources, "--data", data]);
    // four URLs failed (404, time-out, redirect loop, too large): partial, exit code 1
    expect(first.code, first.stderr).toBe(1);

    const reports = await readParquet(
      data,
      "SELECT source, source_url, status, org_name, report_year::INTEGER AS report_year FROM reports ORDER BY source_url",
    );
    expect(reports.map((r) => new URL(String(r.source_url)).pathname)).toEqual([
      "/art/2024/nantong.html",
      "/art/dongyang.html",
      "/art/flaky.html",
      "/art/nanshan.html",
      "/files/hlj-2020.pdf",
    ]);
    expect(reports.every((r) => r.source === "fake-health" && r.status === "extracted")).toBe(true);
    expect(reports.find((r) => String(r.source_url).endsWith(".pdf"))).toMatchObject({ org_name: "黑龙江省卫生健康委员会", report_year: 2020 });
    expect(reports.find((r) => String(r.source_url).endsWith("dongyang.html"))).toMatchObject({ org_name: "东阳市卫生健康局", report_year: 2022 });

    const fetched = new Set(site.requests);
    for (const never of ["/private/secret.html", "/art/notice.html"]) expect(fetched.has(never), `${never} fetched`).toBe(false);
    expect(site.requests.filter((r) => r === "/art/flaky.html")).toHaveLength(2);
    expect(first.stderr).toMatch(/missing\.html: HTTP 404/);
    expect(first.stderr).toMatch(/slow\.html/);
    expect(first.stderr).toMatch(/redirect loop/);
    expect(first.stderr).toMatch(/huge\.html: .*over the limit/);
    expect(first.stdout).toMatch(/fake-health: partial, 11 report links, 5 new or changed, 0 not modified, 3 excluded, 4 failed/);

    const runs = await readParquet(data, "SELECT source, status, fetched, new, failed FROM runs");
    expect(runs).toEqual([expect.objectContaining({ source: "fake-health", status: "partial", new: 5, failed: 4 })]);

    site.requests.length = 0;
    const second = await govkpi(["crawl", "--sources", sources, "--data", data]);
    // the 404 is remembered as gone; the time-out, the loop and the huge page fail again
    expect(second.code, second.stderr).toBe(1);
    expect(second.stdout).toMatch(/fake-health: partial, 11 report links, 0 new or changed, 5 not modified/);
    expect(
      site.requests.filter((r) => r.startsWith("/art/") && !r.includes("slow") && !r.includes("missing") && !r.includes("loop") && !r.includes("huge")),
    ).toEqual([]);
    expect(await readParquet(data, "SELECT count(*) AS n FROM reports")).toEqual([{ n: "5" }]);
  });

  it("refuses a bad sources file, naming the source and key", async () => {
    const file = join(tempDir(), "sources.yaml");
    writeFileSync(file, "sources:\n  - id: x\n    start_urls: [http://a.gov.cn/]\n    allow_hosts: [a.gov.cn]\n    schedule: nope\n");
    const run = await govkpi(["crawl", "--sources", file, "--data", tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/source x: schedule: not a cron expression/);
  });
});
