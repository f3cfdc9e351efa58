// A local fake government website on loopback: GBK list pages with paging, articles in UTF-8 and GBK with
// site chrome, a wrapper article with a PDF attachment, and the misbehaviours a crawler meets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { asPdf, partsOf, sampleText } from "../parse/fixtures.ts";

export interface FakeSite {
  origin: string;
  host: string;
  requests: string[];
  close(): Promise<void>;
}

const chrome = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="CHARSET"><title>${title}_卫生健康委</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/fzzfjs/index.html">法治政府建设</a></div>
<div class="position">当前位置：首页 &gt; 法治政府建设</div>
<h1>${title}</h1><div class="info">发布时间：2024-03-06 09:53 访问次数：1234</div>
<div id="zoom">${body}</div>
<div class="share">分享到：微信 微博</div><div class="footer">版权所有：卫生健康委员会 ICP备12345678号</div></body></html>`;

const article = (title: string, sample: string) =>
  chrome(
    title,
    sampleText(sample)
      .split("\n")
      .filter(Boolean)
      .map((p) => `<p>${p}</p>`)
      .join(""),
  );

const list = (links: Array<[string, string]>, next?: string) => `<!DOCTYPE html><html><head><meta charset="gb2312"><title>法治政府建设</title></head><body>
<ul>${links.map(([href, t]) => `<li><a href="${href}" title="${t}">${t}</a><span>2024-03-06</span></li>`).join("\n")}</ul>
${next ? `<a href="${next}">下一页</a>` : ""}</body></html>`;

export async function startFakeSite(): Promise<FakeSite> {
  const pdf = (await asPdf(partsOf(sampleText("heilongjiang-health-2020")), (n) => `- ${n} -`)).bytes;
  const requests: string[] = [];
  let flaky = 0;
  const pages: Record<string, () => { type: string; body: Buffer | string; status?: number; location?: string } | null> = {
    "/robots.txt": () => ({ type: "text/plain", body: "User-agent: *\nDisallow: /private/\n" }),
    "/fzzfjs/index.html": () => ({
      type: "text/html",
      body: iconv.encode(
        list(
          [
            ["/art/2024/nantong.html", "南通市卫生健康委员会2023年度法治政府建设情况报告"],
            ["/art/dongyang.html", "东阳市卫生健康局关于2022年法治政府建设工作情况的报告"],
            ["/art/notice.html", "关于开展卫生健康宣传周活动的通知"],
            ["/art/wrapper.html", "黑龙江省卫生健康委2020年度法治政府建设自查报告"],
            ["/private/secret.html", "2021年度法治政府建设工作报告(内部)"],
            ["/art/flaky.html", "2021年依法行政工作报告"],
            ["/art/missing.html", "2019年法治政府建设年度报告"],
            ["/art/slow.html", "2018年法治政府建设年度报告"],
            ["/art/loop.html", "2017年法治政府建设年度报告"],
            ["/art/huge.html", "2016年法治政府建设年度报告"],
            ["http://elsewhere.invalid/report.html", "外站2022年法治政府建设年度报告"],
          ],
          "index_1.html",
        ),
        "gbk",
      ),
    }),
    "/fzzfjs/index_1.html": () => ({
      type: "text/html; charset=GBK",
      body: iconv.encode(list([["/art/nanshan.html", "南山区卫生健康局2024年法治政府建设年度报告"]]), "gbk"),
    }),
    "/art/2024/nantong.html": () => ({
      type: "text/html; charset=utf-8",
      body: article("南通市卫生健康委员会2023年度法治政府建设情况报告", "nantong-health-2023").replace("CHARSET", "utf-8"),
    }),
    "/art/dongyang.html": () => ({
      type: "text/html",
      body: iconv.encode(article("东阳市卫生健康局关于2022年法治政府建设工作情况的报告", "dongyang-health-2022").replace("CHARSET", "gbk"), "gbk"),
    }),
    "/art/nanshan.html": () => ({
      type: "text/html; charset=utf-8",
      body: article("南山区卫生健康局2024年法治政府建设年度报告", "nanshan-health-2024").replace("CHARSET", "utf-8"),
    }),
    "/art/wrapper.html": () => ({
      type: "text/html; charset=utf-8",
      body: chrome("黑龙江省卫生健康委2020年度法治政府建设自查报告", '<p>附件：<a href="/files/hlj-2020.pdf">自查报告.pdf</a></p>').replace("CHARSET", "utf-8"),
    }),
    "/files/hlj-2020.pdf": () => ({ type: "application/pdf", body: Buffer.from(pdf) }),
    "/art/notice.html": () => ({ type: "text/html; charset=utf-8", body: chrome("通知", "<p>通知</p>") }),
    "/private/secret.html": () => ({ type: "text/html; charset=utf-8", body: chrome("内部", "<p>内部</p>") }),
    "/art/flaky.html": () =>
      flaky++ === 0
        ? { type: "text/plain", body: "busy", status: 500 }
        : { type: "text/html; charset=utf-8", body: article("2021年依法行政工作报告", "redacted-city-health-2022").replace("CHARSET", "utf-8") },
    "/art/slow.html": () => null,
    "/art/loop.html": () => ({ type: "text/plain", body: "", status: 302, location: "/art/loop2.html" }),
    "/art/loop2.html": () => ({ type: "text/plain", body: "", status: 302, location: "/art/loop.html" }),
    "/art/huge.html": () => ({ type: "text/html; charset=utf-8", body: Buffer.alloc(3_000_000, 0x61) }),
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(`${req.headers["if-none-match"] ? "conditional " : ""}${path}`);
    const page = pages[path];
    if (!page) return void res.writeHead(404).end("not found");
    const r = page();
    if (!r) return; // never answers: a time-out
    const body = typeof r.body === "string" ? Buffer.from(r.body) : r.body;
    const etag = `"${body.length}-${path.length}"`;
    if ((r.status ?? 200) === 200 && req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
    res.writeHead(r.status ?? 200, { "content-type": r.type, etag, ...(r.location ? { location: r.location } : {}) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
