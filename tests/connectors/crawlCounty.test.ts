// govkpi crawl over a county column that does what real ones do (see govWeb/sites.ts): the reports and
// only the reports land, with their list and wrapper metadata; politeness and HTTP by the book, seen from
// the server's side; a second crawl lands nothing; a real edit lands again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { COUNTY, countySite, type CountyOptions } from "./govWeb/sites.ts";
import { startGovWeb, type GovWeb } from "./govWeb/vhost.ts";
import { crawl, sourcesFile } from "./govWeb/crawlCli.ts";

let web: GovWeb;
const options: CountyOptions = {};
beforeAll(async () => {
  web = await startGovWeb((origin) => countySite(origin, options));
});
afterAll(() => web.close());

const ARTICLE = "/zwgk/fzzfjs/";
const gaps = (hits: { at: number }[]) => hits.slice(1).map((h, i) => h.at - hits[i]!.at);

describe("govkpi crawl: a county column", () => {
  it("lands the reports and nothing else, politely, and lands nothing again until a report really changes", async () => {
    const data = tempDir();
    const sources = sourcesFile(web, [{ id: "county-fzb", host: "fzb.gov.test", path: "/zwgk/fzzfjs/" }]);
    const first = await crawl(web, sources, data);
    // the 2018 report's page is gone (404): the run is partial, exit code 1
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/county-fzb: partial, 9 report links, 7 new or changed/);

    const reports = await readParquet(
      data,
      "SELECT source, title, file_name, published_date::VARCHAR AS published, status, fact_count FROM reports ORDER BY title",
    );
    expect(reports.map((r) => r.title).sort()).toEqual(
      Object.values(COUNTY)
        .map((r) => r.title)
        .sort(),
    );
    expect(reports.every((r) => r.source === "county-fzb" && r.status === "extracted" && Number(r.fact_count) > 0)).toBe(true);
    const byTitle = (r: { title: string }) => reports.find((x) => x.title === r.title)!;
    // a list entry linking straight to a PDF: its date comes from the list
    expect(byTitle(COUNTY.directPdf)).toMatchObject({ file_name: "P020230210_1004.pdf", published: COUNTY.directPdf.date });
    // attachments behind /download?id= (name in the link) and /attach/get?fid= (name only in Content-Disposition)
    // carry their wrapper article's 发布时间
    expect(byTitle(COUNTY.downloadPdf)).toMatchObject({ file_name: `${COUNTY.downloadPdf.title}.pdf`, published: COUNTY.downloadPdf.date });
    expect(byTitle(COUNTY.dispositionDocx)).toMatchObject({ file_name: "2022年依法治市工作总结.docx", published: COUNTY.dispositionDocx.date });

    // news and notices are never fetched; the off-site link is not either; robots' Disallow holds
    const paths = web.hits.map((h) => `${h.host}${h.path}`);
    expect(paths.filter((p) => p.includes("t20240220_1002") || p.includes("t20240110_1003"))).toEqual([]);
    expect(web.hitsOn("other.gov.test")).toEqual([]);
    // the truncated title on the www. alias was fetched from that alias, the list pages all three (下一页>>, image, 尾页)
    expect(web.hitsOn("www.fzb.gov.test", `${ARTICLE}202501/t20250120_1005.html`)).toHaveLength(1);
    for (const page of ["index.html", "index_1.html", "index_2.html"]) expect(web.hitsOn("fzb.gov.test", `${ARTICLE}${page}`)).toHaveLength(1);
    // one request at a time across both names of the host, ≥ 50 ms apart (1200/min)
    const site = web.hits.filter((h) => h.host.endsWith("fzb.gov.test")).sort((a, b) => a.at - b.at);
    expect(Math.min(...gaps(site))).toBeGreaterThanOrEqual(45);
    // Retry-After honoured: delay-seconds (1) and an HTTP-date (~2 s ahead, 1 s resolution)
    const [asked, again] = web.hitsOn("fzb.gov.test", `${ARTICLE}202303/t20230302_1008.html`);
    expect([asked!.status, again!.status]).toEqual([429, 200]);
    expect(again!.at - asked!.at).toBeGreaterThanOrEqual(1000);
    const [askedDate, againDate] = web.hitsOn("fzb.gov.test", `${ARTICLE}202202/t20220211_1009.html`);
    expect(againDate!.at - askedDate!.at).toBeGreaterThanOrEqual(900);
    // compression asked for, and what came back gzip-encoded was decoded (the reports have text)
    expect(site.every((h) => /gzip/.test(String(h.headers["accept-encoding"])) && /br/.test(String(h.headers["accept-encoding"])))).toBe(true);

    const [run] = await readParquet(data, "SELECT * FROM runs");
    expect(run).toMatchObject({ source: "county-fzb", kind: "crawl", status: "partial", new: 7, failed: 1, excluded: 4, empty_streak: 0 });
    expect(String(run!.error)).toMatch(/1× http_404: .*t20190301_1010\.html: HTTP 404/);
    expect(await readParquet(data, "SELECT stage, source, source_url FROM dead_letters")).toEqual([
      { stage: "crawl", source: "county-fzb", source_url: web.url("fzb.gov.test", `${ARTICLE}201903/t20190301_1010.html`) },
    ]);

    // again: the 浏览次数 counter and the clock changed, nothing else; the PDFs answer 304; the 404 is remembered
    const counterHits = web.hitsOn("fzb.gov.test", `${ARTICLE}202403/t20240306_1001.html`).length;
    const second = await crawl(web, sources, data);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/county-fzb: unchanged, 9 report links, 0 new or changed, 7 not modified/);
    expect(web.hitsOn("fzb.gov.test", `${ARTICLE}202403/t20240306_1001.html`).length).toBe(counterHits + 1);
    expect(web.hitsOn("fzb.gov.test", "/uploadfiles/202302/P020230210_1004.pdf").map((h) => h.status)).toEqual([200, 304]);
    expect(web.hitsOn("fzb.gov.test", `${ARTICLE}201903/t20190301_1010.html`)).toHaveLength(1);
    expect(await readParquet(data, "SELECT count(*)::INTEGER AS n FROM reports")).toEqual([{ n: 7 }]);

    // a real edit of the report's text lands it again, replacing the old version
    options.editCounter = (p) => [...p, "2024年3月，我委对本报告作了补充：全年共受理信访事项123件。"];
    const third = await crawl(web, sources, data);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toMatch(/county-fzb: ok, 9 report links, 1 new or changed/);
    const runs = await readParquet(data, "SELECT status, new FROM runs ORDER BY started_at");
    expect(runs).toEqual([
      { status: "partial", new: 7 },
      { status: "unchanged", new: 0 },
      { status: "ok", new: 1 },
    ]);
    expect(await readParquet(data, "SELECT count(*)::INTEGER AS n FROM reports")).toEqual([{ n: 7 }]);
  }, 120_000);
});
