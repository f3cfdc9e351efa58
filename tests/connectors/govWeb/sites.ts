// The fake government web: a county rule-of-law office's report column with everything real columns do
// to a crawler, and small sites that each misbehave one way. Report bodies are the bundled sample reports.
import { asDocx, asPdf, partsOf, sampleText, type ReportParts } from "../../parse/fixtures.ts";
import { articlePage, listPage, metaRefresh, type ListItem } from "./cms.ts";
import { counted, download, drip, page, send, status, tooManyFirst } from "./responses.ts";
import type { Handler, Site } from "./vhost.ts";

export interface Report {
  title: string;
  date: string;
  parts: ReportParts;
}

const report = (sample: string, title: string, date: string, edit: (t: string) => string = (t) => t): Report => {
  const parts = partsOf(edit(sampleText(sample)));
  return { title, date, parts: { ...parts, above: [], info: [], title } };
};

/** The reports the county column publishes; tests compare the warehouse with this list. */
export const COUNTY = {
  counter: report("nantong-health-2023", "南通市卫生健康委员会2023年度法治政府建设情况报告", "2024-03-06"),
  directPdf: report("dongyang-health-2022", "东阳市卫生健康局关于2022年法治政府建设工作情况的报告", "2023-02-10"),
  truncated: report("nanshan-health-2024", "深圳市南山区卫生健康局2024年法治政府建设年度报告", "2025-01-20"),
  downloadPdf: report("heilongjiang-health-2020", "黑龙江省卫生健康委2020年度法治政府建设自查报告", "2021-01-22"),
  dispositionDocx: report("redacted-city-health-2022", "卫生健康局2022年依法治市工作总结", "2023-01-15"),
  retryAfterSeconds: report("nantong-health-2023", "南通市卫生健康委员会2022年度法治政府建设情况报告", "2023-03-02", (t) =>
    t.replaceAll("2023年", "2022年").replace("南通市卫生健康委员会2023年度", "南通市卫生健康委员会2022年度"),
  ),
  retryAfterDate: report("dongyang-health-2022", "东阳市卫生健康局关于2021年法治政府建设工作情况的报告", "2022-02-11", (t) => t.replaceAll("2022年", "2021年")),
};

/** Items that link to report-like words but are not reports. */
const NOT_REPORTS = {
  meeting: "召开2023年度法治政府建设工作总结会",
  notice: "关于报送2023年度法治政府建设年度报告的通知",
};

const SITE = "某县司法局";
const COLUMN = "法治政府建设";

const meetingNews = [
  "2月20日上午，我局召开2023年度法治政府建设工作总结会，局党组书记、局长出席会议并讲话。",
  "会议通报了2023年度法治政府建设工作情况：全年共办理行政复议案件35件，审查规范性文件12件，开展执法检查60余次。",
  "会议强调，要深入学习贯彻习近平法治思想，扎实推进2024年度法治政府建设各项任务。",
];
const noticeText = [
  "各科室、局属各单位：",
  "根据《法治政府建设与责任落实督察工作规定》要求，现就报送2023年度法治政府建设年度报告有关事项通知如下。",
  "一、报送内容。2023年度法治政府建设工作情况，包括主要举措、成效、存在的问题和2024年工作打算。",
  "二、报送时间。请于2024年1月20日前将年度报告报送局法制科。",
];

const paragraphsOf = (r: Report) => r.parts.paragraphs;

export interface CountyOptions {
  /** rewrites the counter article's report text, to model a real edit */
  editCounter?: (paragraphs: string[]) => string[];
}

/** The county column: start URL is a meta-refresh page; three list pages paged by 下一页>>, an image
 * 下一页, then a dead 下一页 beside 尾页; news and a notice among the reports; a report linked straight as
 * a PDF; a title cut short without a title attribute, on the www alias; wrapper articles whose
 * attachments are /download?id= (name in the link text) and /attach/get?fid= (name only in
 * Content-Disposition); two articles that answer 429 first; a report that is gone (404); an off-site link. */
export async function countySite(origin: (host: string) => string, o: CountyOptions = {}): Promise<Record<string, Site>> {
  const host = "fzb.gov.test";
  const www = `www.${host}`;
  const dir = "/zwgk/fzzfjs";
  const c = COUNTY;
  const pdf = await asPdf(c.directPdf.parts, (n) => `- ${n} -`);
  const wrappedPdf = await asPdf(c.downloadPdf.parts, (n) => `第${n}页`);
  const docx = await asDocx(c.dispositionDocx.parts);
  const html = { codings: ["gzip", "br"] as ("gzip" | "br")[] };
  const art = (r: Report, extra: Partial<Parameters<typeof articlePage>[1]> = {}) =>
    articlePage(SITE, { title: r.title, date: `${r.date} 09:30`, source: SITE, paragraphs: paragraphsOf(r), ...extra });
  const wrapper = (r: Report, attachments: [string, string][]) =>
    articlePage(SITE, { title: r.title, date: `${r.date} 10:00`, source: SITE, paragraphs: [`现将《${r.title}》予以公开，详见附件。`], attachments });

  const lists: ListItem[][] = [
    [
      { href: "./202403/t20240306_1001.html", text: c.counter.title, title: c.counter.title, date: c.counter.date },
      { href: "./202402/t20240220_1002.html", text: NOT_REPORTS.meeting, title: NOT_REPORTS.meeting, date: "2024-02-20" },
      { href: "./202401/t20240110_1003.html", text: NOT_REPORTS.notice, title: NOT_REPORTS.notice, date: "2024-01-10" },
      { href: "/uploadfiles/202302/P020230210_1004.pdf", text: c.directPdf.title, title: c.directPdf.title, date: c.directPdf.date },
      { href: `${origin(www)}${dir}/202501/t20250120_1005.html`, text: `${c.truncated.title.slice(0, 21)}…`, date: c.truncated.date },
    ],
    [
      { href: "./202101/t20210122_1006.html", text: c.downloadPdf.title, title: c.downloadPdf.title, date: c.downloadPdf.date },
      { href: "./202301/t20230115_1007.html", text: c.dispositionDocx.title, title: c.dispositionDocx.title, date: c.dispositionDocx.date },
      { href: `${origin("other.gov.test")}/fzzf/2023.html`, text: "某区2023年法治政府建设年度报告", date: "2024-03-01" },
    ],
    [
      { href: "./202303/t20230302_1008.html", text: c.retryAfterSeconds.title, title: c.retryAfterSeconds.title, date: c.retryAfterSeconds.date },
      { href: "./202202/t20220211_1009.html", text: c.retryAfterDate.title, title: c.retryAfterDate.title, date: c.retryAfterDate.date },
      { href: "./201903/t20190301_1010.html", text: "某县司法局2018年法治政府建设年度报告", title: "某县司法局2018年法治政府建设年度报告", date: "2019-03-01" },
    ],
  ];
  const counter = (n: number) => art(c.counter, { views: 1000 + n, clock: new Date(), paragraphs: (o.editCounter ?? ((p) => p))(paragraphsOf(c.counter)) });

  const site: Site = {
    "/robots.txt": page("User-agent: *\nDisallow: /hdjl/\nDisallow: /search/\n", { contentType: "text/plain" }),
    [`${dir}/`]: page(metaRefresh(`${dir}/index.html`)),
    [`${dir}/index.html`]: page(listPage(SITE, COLUMN, lists[0]!, { kind: "text", next: "index_1.html", last: "index_2.html" }), html),
    [`${dir}/index_1.html`]: page(listPage(SITE, COLUMN, lists[1]!, { kind: "image", next: "index_2.html", last: "index_2.html" }), html),
    [`${dir}/index_2.html`]: page(listPage(SITE, COLUMN, lists[2]!, { kind: "text", next: null, last: "index_2.html" }), html),
    [`${dir}/202403/t20240306_1001.html`]: counted(counter, html),
    [`${dir}/202402/t20240220_1002.html`]: page(
      articlePage(SITE, { title: NOT_REPORTS.meeting, date: "2024-02-20 16:00", source: SITE, paragraphs: meetingNews }),
      html,
    ),
    [`${dir}/202401/t20240110_1003.html`]: page(
      articlePage(SITE, { title: NOT_REPORTS.notice, date: "2024-01-10 08:30", source: SITE, paragraphs: noticeText }),
      html,
    ),
    "/uploadfiles/202302/P020230210_1004.pdf": (req, res) =>
      send(req, res, pdf.bytes, { contentType: "application/pdf", etag: true, lastModified: new Date("2023-02-10T07:41:00Z") }),
    [`${dir}/202501/t20250120_1005.html`]: page(art(c.truncated), html),
    [`${dir}/202101/t20210122_1006.html`]: page(wrapper(c.downloadPdf, [["/download?id=8812", `${c.downloadPdf.title}.pdf`]]), html),
    "/download?id=8812": download(wrappedPdf.bytes, `${c.downloadPdf.title}.pdf`, { etag: true }),
    [`${dir}/202301/t20230115_1007.html`]: page(wrapper(c.dispositionDocx, [["/attach/get?fid=77", "附件1"]]), html),
    "/attach/get?fid=77": download(docx, "2022年依法治市工作总结.docx"),
    [`${dir}/202303/t20230302_1008.html`]: tooManyFirst(1, () => "1", page(art(c.retryAfterSeconds), html)),
    [`${dir}/202202/t20220211_1009.html`]: tooManyFirst(1, () => new Date(Date.now() + 2000).toUTCString(), page(art(c.retryAfterDate), html)),
  };
  return { [host]: site, [www]: site };
}

/** A short report of `org` for `year`, its figures drawn from both (two bodies' reports never read alike). */
export function shortReport(org: string, year: number): Report {
  const title = `${org}${year}年法治政府建设年度报告`;
  let h = year;
  for (const ch of org) h = (h * 31 + ch.charCodeAt(0)) % 100_003;
  const n = (k: number, span: number) => ((h >> k) % span) + 10;
  const paragraphs = [
    `${year}年，${org}坚持以习近平法治思想为指导，全面推进法治政府建设，现将${org}${year}年度工作情况报告如下。`,
    `全年${org}共受理信访事项${100 + n(1, 400)}件，其中来信${n(2, 90)}件，来访${n(3, 70)}件，网上信访${n(4, 200)}件。`,
    `${org}办理行政处罚案件${200 + n(5, 500)}件，罚没款${n(6, 90)}.5万元，审查规范性文件${n(7, 30)}件。`,
    `${year + 1}年，${org}将继续深化法治政府建设，提升依法行政水平。`,
  ];
  return { title, date: `${year + 1}-02-15`, parts: { above: [], title, info: [], paragraphs } };
}

export function smallColumn(site: string, reports: Report[], extra: Site = {}, articleHandler?: (r: Report, i: number) => Handler): Site {
  const items = reports.map((r, i) => ({ href: `./a${i}.html`, text: r.title, title: r.title, date: r.date }));
  const out: Site = {
    "/robots.txt": page("User-agent: *\nDisallow:\n", { contentType: "text/plain" }),
    "/col/index.html": page(listPage(site, COLUMN, items, { kind: "none" })),
    ...Object.fromEntries(
      reports.map((r, i) => [
        `/col/a${i}.html`,
        articleHandler?.(r, i) ?? page(articlePage(site, { title: r.title, date: `${r.date} 09:00`, source: site, paragraphs: r.parts.paragraphs })),
      ]),
    ),
  };
  return { ...out, ...extra };
}

/** Sites that each break one rule of the road. `dripMs`: how often the dripping page sends a byte. */
export function oddSites(origin: (host: string) => string, o: { dripMs: number; crawlDelay: number }): Record<string, Site> {
  return {
    // RFC 9309 §2.3.1.4: robots.txt unreachable (5xx) → assume complete disallow
    "robots503.gov.test": smallColumn("南通市统计局", [shortReport("南通市统计局", 2023)], { "/robots.txt": status(503, { "retry-after": "3600" }) }),
    // §2.3.1.3: robots.txt unavailable (4xx) → crawl as if there were none
    "robots404.gov.test": smallColumn("苏州市民政局", [shortReport("苏州市民政局", 2023)], { "/robots.txt": status(404) }),
    "delay.gov.test": smallColumn(
      "无锡市商务局",
      [2021, 2022, 2023].map((y) => shortReport("无锡市商务局", y)),
      {
        "/robots.txt": page(`User-agent: *\nCrawl-delay: ${o.crawlDelay}\nDisallow: /admin/\n`, { contentType: "text/plain" }),
      },
    ),
    "drip.gov.test": smallColumn("常州市水利局", [shortReport("常州市水利局", 2022), shortReport("常州市水利局", 2023)], {}, (r, i) =>
      i === 0 ? drip(o.dripMs) : page(articlePage("常州市水利局", { title: r.title, date: r.date, source: "常州市水利局", paragraphs: r.parts.paragraphs })),
    ),
    // a sitemap listed in robots.txt (RFC 9309 §2.2.4) holds an old report no list page links any more
    "sitemap.gov.test": {
      ...smallColumn("扬州市交通运输局", [shortReport("扬州市交通运输局", 2023)]),
      "/robots.txt": page(`User-agent: *\nDisallow:\n\nSitemap: ${origin("sitemap.gov.test")}/sitemap.xml\n`, { contentType: "text/plain" }),
      "/sitemap.xml": page(
        `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${origin("sitemap.gov.test")}/col/index.html</loc><lastmod>2024-02-15</lastmod></url>
<url><loc>${origin("sitemap.gov.test")}/col/a0.html</loc><lastmod>2024-02-15</lastmod></url>
<url><loc>${origin("sitemap.gov.test")}/col/old2019.html</loc><lastmod>2020-02-15</lastmod></url>
<url><loc>${origin("sitemap.gov.test")}/tzgg/t1.html</loc><lastmod>2024-01-05</lastmod></url>
</urlset>`,
        { contentType: "application/xml" },
      ),
      "/col/old2019.html": page(articlePage("扬州市交通运输局", { ...reportArticle(shortReport("扬州市交通运输局", 2019)), source: "扬州市交通运输局" })),
      "/tzgg/t1.html": page(
        articlePage("扬州市交通运输局", {
          title: "关于调整公交线路的通告",
          date: "2024-01-05",
          source: "扬州市交通运输局",
          paragraphs: ["自2024年1月10日起调整2路公交线路。"],
        }),
      ),
    },
  };
}

const reportArticle = (r: Report) => ({ title: r.title, date: r.date, paragraphs: r.parts.paragraphs });

/** A disclosure platform whose markup the heuristics cannot read: entries are table rows whose link says
 * only 查看, the body sits beside a longer "related articles" box, the date has no 发布时间 label and the
 * footer carries another date. Its source entry names CSS selectors for list, title, body and date. */
export function selectorSite(): Site {
  const org = "镇江市市场监督管理局";
  const r = shortReport(org, 2023);
  const related = Array.from(
    { length: 6 },
    (_, i) =>
      `<li><a href="/xxgk/r${i}.html">某县市场监管局2022年法治政府建设年度报告摘编（${i + 1}）：全年共受理信访事项999件，办理行政处罚案件888件，罚没款77.5万元，持续深化“放管服”改革。</a></li>`,
  ).join("");
  const rows = [
    `<tr><td>11350128/2024-00012</td><td class="bt">${r.title}</td><td>2024-02-15</td><td><a href="/xxgk/t20240215_1.html">查看</a></td></tr>`,
    `<tr><td>11350128/2024-00013</td><td class="bt">关于公布2023年度“双随机、一公开”抽查结果的公告</td><td>2024-02-10</td><td><a href="/xxgk/t20240210_2.html">查看</a></td></tr>`,
  ].join("\n");
  const list = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>法治政府建设_${org}</title></head><body>
<div class="xxgk_left"><ul><li><a href="/xxgk/jg.html">机构职能</a></li></ul></div>
<div class="xxgk_right"><table class="xxgk_table"><tr><th>索引号</th><th>名称</th><th>发布日期</th><th></th></tr>
${rows}</table></div></body></html>`;
  const article = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${org}</title></head><body>
<div class="top">网站更新于：2019-01-01</div>
<div class="con"><div class="tit">${r.title}</div><div class="xx"><span class="fbsj">2024-02-15</span> <span>${org}</span></div>
<div class="wzcon">${r.parts.paragraphs.map((p) => `<p>${p}</p>`).join("")}</div></div>
<div class="xgwz"><h4>相关文章</h4><ul>${related}</ul></div>
<div class="foot">版权所有 ${org} 2019-01-01</div></body></html>`;
  return {
    "/robots.txt": page("User-agent: *\nDisallow:\n", { contentType: "text/plain" }),
    "/xxgk/list.html": page(list),
    "/xxgk/t20240215_1.html": page(article),
    "/xxgk/t20240210_2.html": page(
      articlePage(org, { title: "关于公布2023年度“双随机、一公开”抽查结果的公告", date: "2024-02-10", source: org, paragraphs: ["现将抽查结果予以公布。"] }),
    ),
  };
}

export const SELECTORS = { list: "table.xxgk_table tr", title: "td.bt", body: "div.wzcon", date: "span.fbsj" };
