// Page markup as the government CMSes (TRS WCM, Hanweb, Jcms) render it: a column's list page with its
// pager, an article with its info line, and the site chrome around both. Written from real pages: the
// pager's 下一页 as text with arrows, as an image, or dead (javascript:;) on the last page beside 尾页;
// list titles cut to fit the column with an ellipsis and, on some templates, no title attribute.
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface ListItem {
  href: string;
  /** the link text shown (maybe cut with …) */
  text: string;
  /** the title attribute, when the template sets one */
  title?: string;
  date: string;
}

/** Pager markup: where 下一页 and 尾页 point (null: this is the last page). */
export type Pager =
  | { kind: "text"; next: string | null; last: string; label?: string }
  | { kind: "image"; next: string | null; last: string }
  | { kind: "none" };

function pager(p: Pager): string {
  if (p.kind === "none") return "";
  const first = `<a href="index.html">首页</a>`;
  const last = `<a href="${p.last}">尾页</a>`;
  if (p.kind === "image") {
    const next = p.next
      ? `<a href="${p.next}"><img src="/images/page_next.gif" alt="下一页" border="0" /></a>`
      : `<img src="/images/page_next_dis.gif" alt="下一页" border="0" />`;
    return `<div class="pagebar">${first} <a href="javascript:history.back()"><img src="/images/page_prev.gif" alt="上一页" /></a> ${next} ${last}</div>`;
  }
  const label = p.label ?? "下一页&gt;&gt;";
  const next = p.next ? `<a href="${p.next}" class="next">${label}</a>` : `<a href="javascript:;" class="next disabled">${label}</a>`;
  return `<div class="page">${first} <a href="javascript:;">&lt;&lt;上一页</a> ${next} ${last} <span>转到第<input size="2" />页</span></div>`;
}

function chrome(site: string, main: string, o: { title: string; clock?: Date; head?: string } = { title: site }): string {
  const clock = o.clock
    ? `<span class="today">今天是${o.clock.getFullYear()}年${o.clock.getMonth() + 1}月${o.clock.getDate()}日 ${o.clock.toTimeString().slice(0, 8)}</span>`
    : "";
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>${esc(o.title)}</title>${o.head ?? ""}
<link rel="stylesheet" href="/css/index.css" /></head>
<body>
<div class="top">${clock}<a href="/">首页</a> | <a href="/wza">无障碍浏览</a> | <a href="/rss">RSS</a></div>
<div class="header"><img src="/images/logo.png" alt="${esc(site)}" /></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
${main}
<div class="footer"><p>主办：${esc(site)} 承办：${esc(site)}办公室</p><p>网站标识码：3501280001 闽ICP备05000000号</p></div>
<script src="/js/stat.js"></script>
</body></html>`;
}

export function listPage(site: string, column: string, items: ListItem[], p: Pager): string {
  const lis = items
    .map(
      (i) => `<li><a href="${i.href}" target="_blank"${i.title ? ` title="${esc(i.title)}"` : ""}>${esc(i.text)}</a><span class="date">${i.date}</span></li>`,
    )
    .join("\n");
  const side = `<div class="side"><h3>热点推荐</h3><ul><li><a href="/zwgk/tzgg/202401/t20240105_1.html">关于开展2023年度政府信息公开工作年度报告编制工作的通知</a></li><li><a href="/hdjl/">政民互动</a></li></ul></div>`;
  return chrome(
    site,
    `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; ${esc(column)}</div>
${side}
<div class="list"><h2>${esc(column)}</h2><ul>
${lis}
</ul>
${pager(p)}
</div>`,
    { title: `${column}_${site}` },
  );
}

export interface Article {
  title: string;
  date: string;
  source: string;
  paragraphs: string[];
  /** a 浏览次数 counter value rendered in the info line */
  views?: number;
  /** the server's clock rendered in the top bar */
  clock?: Date;
  /** attachment links under the body: [href, link text] */
  attachments?: [string, string][];
}

export function articlePage(site: string, a: Article): string {
  const views = a.views === undefined ? "" : ` 浏览次数：<span id="views">${a.views}</span>`;
  const att = a.attachments?.length
    ? `<div class="fj"><p>附件：</p>${a.attachments.map(([h, t]) => `<p><a href="${h}">${esc(t)}</a></p>`).join("")}</div>`
    : "";
  return chrome(
    site,
    `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 正文</div>
<div class="article">
<h1 class="title">${esc(a.title)}</h1>
<div class="info">发布时间：${a.date} 来源：${esc(a.source)}${views} 【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>】</div>
<div id="zoom" class="TRS_Editor">
${a.paragraphs.map((p) => `<p style="text-indent:2em">${esc(p)}</p>`).join("\n")}
${att}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>`,
    { title: `${a.title}_${site}`, clock: a.clock },
  );
}

/** A column's start URL that is only a redirect page, as many sites' /zwgk/xxx/ index is. */
export const metaRefresh = (to: string) =>
  `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="refresh" content="0; url=${to}"></head><body></body></html>`;
