// The page readers on markup as CMSes write it: report titles against news and notices, every 下一页
// variant, pages numbered only by 尾页, redirect pages, attachments by link text and download scripts.
import { describe, expect, it } from "vitest";
import { attachmentLinks, numberedNext, readListPage, redirectTarget } from "../../connectors/crawler/discover.ts";
import { judgeTitle } from "../../connectors/crawler/reportTitle.ts";

const BASE = "http://www.example.gov.cn/col/col123/index.html";
const list = (body: string) => `<html><body>${body}</body></html>`;

describe("report titles", () => {
  it.each([
    "南通市卫生健康委员会2023年度法治政府建设情况报告",
    "东阳市卫生健康局关于2022年法治政府建设工作情况的报告",
    "平潭综合实验区2019年度政府信息公开工作年度报告",
    "卫生健康局2022年依法治市工作总结",
    "某县2023年法治政府建设年度报告（全文）",
    "某县2023年法治政府建设年度报告.pdf",
    "某区司法局2023年度法治政府建设工作情况",
  ])("%s is a report", (title) => expect(judgeTitle(title).kind).toBe("report"));

  it.each([
    "召开2023年度法治政府建设工作总结会",
    "关于报送2023年度法治政府建设年度报告的通知",
    "关于报送2023年度法治政府建设年度报告",
    "市司法局举办法治政府建设年度报告编制培训班",
    "《某县2023年法治政府建设年度报告》解读",
    "关于印发《2024年法治政府建设工作要点》的通知",
  ])("%s is not", (title) => expect(judgeTitle(title).kind).toBe("not_report"));

  it("leaves a title cut short to the page's own", () => {
    expect(judgeTitle("深圳市南山区卫生健康局2024年法治政府建…").kind).toBe("maybe");
    expect(judgeTitle("关于开展2024年春季爱国卫生运动的…").kind).toBe("not_report");
  });
});

describe("list pages", () => {
  const next = (body: string, base = BASE) => readListPage(list(body), base).next;

  it.each([
    ['<a href="index_1.html">下一页</a>', "index_1.html"],
    ['<a href="index_1.html">下一页&gt;&gt;</a>', "index_1.html"],
    ['<a href="index_1.html">[下一页]</a>', "index_1.html"],
    ['<a href="index_1.html">下页 ›</a>', "index_1.html"],
    ['<a href="index_1.html" title="下一页">&gt;</a>', "index_1.html"],
    ['<a href="index_1.html"><img src="/images/next.gif" alt="下一页"></a>', "index_1.html"],
  ])("follows %s", (markup, target) => expect(next(markup)).toEqual([new URL(target, BASE).href]));

  it("stops on the last page: a dead 下一页, or one pointing at itself, beside 尾页", () => {
    const last = "http://www.example.gov.cn/col/col123/index_4.html";
    expect(next('<a href="javascript:;">下一页</a><a href="index_4.html">尾页</a>', last)).toEqual([]);
    expect(next('<a href="index_4.html">下一页</a><a href="index_4.html">尾页</a>', last)).toEqual([]);
  });

  it("numbers the next page after 尾页 when 下一页 is not a link", () => {
    expect(numberedNext(BASE, "http://www.example.gov.cn/col/col123/index_9.html")).toBe("http://www.example.gov.cn/col/col123/index_1.html");
    expect(numberedNext("http://a.gov.cn/col/index_3.html", "http://a.gov.cn/col/index_9.html")).toBe("http://a.gov.cn/col/index_4.html");
    expect(numberedNext("http://a.gov.cn/list?page=9", "http://a.gov.cn/list?page=9")).toBeNull();
    expect(numberedNext("http://a.gov.cn/list?page=2&c=1", "http://a.gov.cn/list?page=7&c=1")).toBe("http://a.gov.cn/list?page=3&c=1");
    expect(next('<span>下一页</span><a href="index_9.html">尾页</a>')).toEqual(["http://www.example.gov.cn/col/col123/index_1.html"]);
  });

  it("follows createPageHTML script paging, with or without the pager's id first", () => {
    expect(next('<script>createPageHTML(5, 0, "index", "html");</script>')).toEqual(["http://www.example.gov.cn/col/col123/index_1.html"]);
    expect(next("<script>createPageHTML('page_div',5,2,'index','shtml',72);</script>")).toEqual(["http://www.example.gov.cn/col/col123/index_3.shtml"]);
    expect(next('<script>createPageHTML(5, 4, "index", "html");</script>')).toEqual([]);
  });

  it("takes report links whatever they point to, with the title cut short taken from its title attribute", () => {
    const page = readListPage(
      list(`<ul>
        <li><a href="/u/P0202.pdf">某县2023年法治政府建设年度报告</a><span>2024-03-01</span></li>
        <li><a href="a2.html" title="某县2022年法治政府建设年度报告">某县2022年法治政府建设年…</a><span>2023/03/02</span></li>
        <li><a href="a3.html">关于报送2023年度法治政府建设年度报告的通知</a></li>
        <li><a href="a4.html">政民互动</a></li></ul>`),
      BASE,
    );
    expect(page.candidates).toEqual([
      { url: "http://www.example.gov.cn/u/P0202.pdf", title: "某县2023年法治政府建设年度报告", date: "2024-03-01", verdict: "report" },
      { url: "http://www.example.gov.cn/col/col123/a2.html", title: "某县2022年法治政府建设年度报告", date: "2023-03-02", verdict: "report" },
    ]);
    expect(page.rejected.map((r) => r.title)).toEqual(["关于报送2023年度法治政府建设年度报告的通知"]);
  });
});

describe("pages that are something else", () => {
  it("finds where a redirect page sends the browser", () => {
    expect(redirectTarget('<meta http-equiv="Refresh" content="0;URL=\'/col/col123/index.html\'">', "http://a.gov.cn/")).toBe(
      "http://a.gov.cn/col/col123/index.html",
    );
    expect(redirectTarget('<script>window.location.href="list.html";</script>', "http://a.gov.cn/col/")).toBe("http://a.gov.cn/col/list.html");
    expect(redirectTarget("<p>某县2023年法治政府建设年度报告</p>", "http://a.gov.cn/")).toBeNull();
  });

  it("finds attachments by extension, by link text, and by 附件 links to download scripts, not in the chrome", () => {
    const links = attachmentLinks(
      `<div class="nav"><a href="/download/">下载中心</a></div><div id="zoom">
       <a href="/u/1.pdf">报告</a><a href="/download?id=88">某县2023年法治政府建设年度报告.pdf</a>
       <a href="/attach/get?fid=7">附件1</a><a href="/col/other.html">相关链接</a></div>`,
      "http://a.gov.cn/col/a1.html",
    );
    expect(links.map((l) => l.url)).toEqual(["http://a.gov.cn/u/1.pdf", "http://a.gov.cn/download?id=88", "http://a.gov.cn/attach/get?fid=7"]);
  });
});
