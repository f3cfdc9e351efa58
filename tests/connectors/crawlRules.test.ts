// govkpi crawl over sites that each break one rule of the road (govWeb/sites.ts): robots.txt answering
// 503 (RFC 9309: assume complete disallow) or 404 (no rules), a Crawl-delay, a page dripping a byte at a
// time, a sitemap listing a report no list page links, and markup only CSS selectors can read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { oddSites, SELECTORS, selectorSite, shortReport } from "./govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "./govWeb/vhost.ts";
import { crawl, sourcesFile } from "./govWeb/crawlCli.ts";

const DRIP_MS = 300;
const CRAWL_DELAY_S = 1;
let web: GovWeb;
beforeAll(async () => {
  web = await startGovWeb((origin) => ({ ...oddSites(origin, { dripMs: DRIP_MS, crawlDelay: CRAWL_DELAY_S }), "sel.gov.test": selectorSite() }));
});
afterAll(() => web.close());

const col = (id: string, host: string) => ({ id, host, path: "/col/index.html", extra: { timeout_seconds: 1 } });

describe("govkpi crawl: the rules of the road", () => {
  let data: string;
  let result: Awaited<ReturnType<typeof crawl>>;
  const runOf = async (source: string) => (await readParquet(data, `SELECT * FROM runs WHERE source = '${source}'`))[0]!;
  const titlesOf = async (source: string) =>
    (await readParquet(data, `SELECT title FROM reports WHERE source = '${source}' ORDER BY title`)).map((r) => r.title);

  beforeAll(async () => {
    data = tempDir();
    const sources = sourcesFile(web, [
      col("robots-503", "robots503.gov.test"),
      col("robots-404", "robots404.gov.test"),
      col("crawl-delay", "delay.gov.test"),
      col("dripping", "drip.gov.test"),
      col("sitemap", "sitemap.gov.test"),
      { id: "selectors", host: "sel.gov.test", path: "/xxgk/list.html", extra: { selectors: SELECTORS } },
      { id: "no-selectors", host: "sel.gov.test", path: "/xxgk/list.html" },
    ]);
    result = await crawl(web, sources, data);
  }, 120_000);

  it("exits 3 when a source could not be read at all, saying which", () => {
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toMatch(/^robots-503: failed/m);
    expect(result.stdout).toMatch(/^robots-404: ok/m);
  });

  it("treats robots.txt answering 5xx as complete disallow, and 4xx as no rules", async () => {
    expect(web.hitsOn("robots503.gov.test").map((h) => h.path)).toEqual(["/robots.txt"]);
    expect(await runOf("robots-503")).toMatchObject({ status: "failed", failed: 1 });
    expect(String((await runOf("robots-503")).error)).toMatch(/robots\.txt unreachable \(HTTP 503\).*RFC 9309/);
    expect(await titlesOf("robots-404")).toEqual(["苏州市民政局2023年法治政府建设年度报告"]);
  });

  it("spaces requests by robots.txt's Crawl-delay, from the robots.txt request on", () => {
    const hits = web.hitsOn("delay.gov.test");
    expect(hits.map((h) => h.path)).toEqual(["/robots.txt", "/col/index.html", "/col/a0.html", "/col/a1.html", "/col/a2.html"]);
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(CRAWL_DELAY_S * 1000 - 5);
  });

  it("gives up on a dripping page at timeout_seconds per attempt, whole answer included, and goes on", async () => {
    const attempts = web.hitsOn("drip.gov.test", "/col/a0.html");
    expect(attempts).toHaveLength(3);
    for (const a of attempts) {
      expect(a.aborted).toBe(true);
      expect(a.end! - a.at).toBeLessThan(1000 + DRIP_MS + 200);
    }
    expect(await runOf("dripping")).toMatchObject({ status: "partial", new: 1, failed: 1 });
    expect(String((await runOf("dripping")).error)).toMatch(/timeout: .*a0\.html: no complete answer within 1 s \(after 3 attempts\)/);
    expect(await titlesOf("dripping")).toEqual(["常州市水利局2023年法治政府建设年度报告"]);
  });

  it("reads the sitemaps robots.txt lists, for reports under the column's folder no list page links", async () => {
    expect(await titlesOf("sitemap")).toEqual(["扬州市交通运输局2019年法治政府建设年度报告", "扬州市交通运输局2023年法治政府建设年度报告"]);
    expect(web.hitsOn("sitemap.gov.test", "/tzgg/t1.html")).toEqual([]);
  });

  it("reads a column through its selectors, the body alone landed and the date from its own element", async () => {
    const [report] = await readParquet(data, "SELECT title, published_date::VARCHAR AS published FROM reports WHERE source = 'selectors'");
    expect(report).toEqual({ title: "镇江市市场监督管理局2023年法治政府建设年度报告", published: "2024-02-15" });
    const petitions = await readParquet(
      data,
      "SELECT value FROM facts f JOIN reports r USING (report_id) WHERE r.source = 'selectors' AND metric = 'petitions.total'",
    );
    // the body's figure; 999 stands only in the "related articles" box beside it
    const inBody = Number(/受理信访事项(\d+)件/.exec(shortReport("镇江市市场监督管理局", 2023).parts.paragraphs[1]!)![1]);
    expect(petitions).toEqual([{ value: inBody }]);
    expect(await runOf("selectors")).toMatchObject({ status: "ok", discovered: 1, new: 1, empty_streak: 0 });
  });

  it("flags a column that yields no report link, run after run", async () => {
    expect(await runOf("no-selectors")).toMatchObject({ status: "unchanged", discovered: 0, empty_streak: 1 });
    const again = await crawl(web, sourcesFile(web, [{ id: "no-selectors", host: "sel.gov.test", path: "/xxgk/list.html" }]), data);
    expect(again.code, again.stderr).toBe(0);
    const streaks = await readParquet(data, "SELECT empty_streak FROM runs WHERE source = 'no-selectors' ORDER BY started_at");
    expect(streaks.map((r) => r.empty_streak)).toEqual([1, 2]);
  }, 60_000);
});
