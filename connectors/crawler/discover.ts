// What a page offers the crawler, read by what the page is. A list page: report links (pages or files
// straight away, judged by title; a title cut short is a "maybe" the article's own title settles), the
// next list page (every 下一页 variant sites write: text with arrows, an image, a title attribute,
// createPageHTML script paging, or the number after the current one when only 尾页 is a link). A start
// page that is only a redirect (meta refresh, location.href). An article: its attachments, by extension
// in the URL or the link text, or by a 附件/下载 link to a download script. A sitemap: its URLs. Pure.
import * as cheerio from "cheerio";
import { isTag, type Element } from "domhandler";
import type { Selectors } from "../../schemas/sources.ts";
import { dateIn } from "../../pipelines/stages/parse/cleanText.ts";
import { judgeTitle } from "./reportTitle.ts";

export interface Link {
  url: string;
  /** the title attribute, the link text, or an image's alt text */
  title: string;
  /** the date written beside the link in its list entry */
  date: string | null;
}

export interface Candidate extends Link {
  verdict: "report" | "maybe";
}

export interface ListPage {
  candidates: Candidate[];
  /** links with a report's subject that are not reports (news, notices), with why */
  rejected: Array<Link & { why: string }>;
  next: string[];
}

const squash = (s: string) => s.replace(/\s+/g, "");

const absolute = (href: string, base: string): string | null => {
  try {
    const url = new URL(href.trim(), base);
    return /^https?:$/.test(url.protocol) ? url.href.replace(/#.*$/, "") : null;
  } catch {
    return null;
  }
};

/** A link's title: the title attribute when the text is that title cut short, else the text, else an image's alt. */
function titleOf($: cheerio.CheerioAPI, a: Element): string {
  const text = squash($(a).text());
  const attr = squash($(a).attr("title") ?? "");
  const alt = squash($(a).find("img[alt]").first().attr("alt") ?? "");
  if (attr && (!text || attr.length >= text.replace(/(…+|\.{2,})$/, "").length)) return attr;
  return text || attr || alt;
}

const entryDate = ($: cheerio.CheerioAPI, a: Element) => dateIn($(a).closest("li, tr, dd, p, div").first().text());

function linksIn($: cheerio.CheerioAPI, base: string): Array<Link & { el: Element }> {
  return $("a[href]")
    .toArray()
    .filter(isTag)
    .flatMap((a) => {
      const url = absolute($(a).attr("href")!, base);
      return url ? [{ url, title: titleOf($, a), date: entryDate($, a), el: a }] : [];
    });
}

function selectedEntries($: cheerio.CheerioAPI, base: string, s: Selectors): Link[] {
  return $(s.list!)
    .toArray()
    .filter(isTag)
    .flatMap((entry) => {
      const a = entry.tagName === "a" ? entry : $(entry).find("a[href]").toArray().find(isTag);
      const url = a && absolute($(a).attr("href") ?? "", base);
      if (!url) return [];
      const title = s.title ? squash($(entry).find(s.title).first().text()) : titleOf($, a);
      return [{ url, title, date: dateIn($(entry).text()) }];
    });
}

const NEXT_WORDS = new Set(["下一页", "下页", "后页", "下一頁", "后一页"]);
const LAST_WORDS = new Set(["尾页", "末页", "最后一页", "尾頁"]);
const pagerWord = (s: string) => s.replace(/[\s<>《》‹›«»→[\]【】()（）|]/g, "");

/** createPageHTML(总页数, 当前页, "index", "html"), or with the pager element's id first. */
function scriptPages(html: string, base: string): string[] {
  const m = /createPageHTML\(\s*(?:['"][\w-]+['"]\s*,\s*)?['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/.exec(html);
  if (!m) return [];
  const [total, current, name, ext] = [Number(m[1]), Number(m[2]), m[3], m[4]];
  return current + 1 < total ? [absolute(`${name}_${current + 1}.${ext}`, base)!].filter(Boolean) : [];
}

/** The page after `current` when pages are numbered as the 尾页 link is: index.html, index_1.html … or ?page=N. */
export function numberedNext(current: string, last: string): string | null {
  const m = /^(.*?)([_-]|[?&](?:page|pageNum|pageNo|pageIndex|p|curpage|currentPage)=)(\d+)([^\d].*|)$/i.exec(last);
  if (!m) return null;
  const [, prefix, sep, lastN, suffix] = m as unknown as [string, string, string, string, string];
  const query = sep.includes("=");
  const n =
    current === prefix + suffix || (query && current === prefix)
      ? query
        ? 1
        : 0
      : Number(current.startsWith(prefix + sep) && current.endsWith(suffix) ? current.slice((prefix + sep).length, current.length - suffix.length) : NaN);
  if (!Number.isInteger(n) || n + 1 > Number(lastN)) return null;
  return `${prefix}${sep}${n + 1}${suffix}`;
}

function nextPages($: cheerio.CheerioAPI, html: string, base: string): string[] {
  const links = linksIn($, base);
  const word = (l: Link & { el: Element }) => pagerWord(l.title) || pagerWord($(l.el).attr("title") ?? "");
  const next = links.filter((l) => NEXT_WORDS.has(word(l)) && l.url !== base).map((l) => l.url);
  if (next.length) return [...new Set(next)];
  const script = scriptPages(html, base);
  if (script.length) return script;
  const last = links.find((l) => LAST_WORDS.has(word(l)));
  const numbered = last && last.url !== base ? numberedNext(base, last.url) : null;
  return numbered ? [numbered] : [];
}

export function readListPage(html: string, base: string, o: { subject?: RegExp; selectors?: Selectors } = {}): ListPage {
  const $ = cheerio.load(html);
  const entries = o.selectors?.list ? selectedEntries($, base, o.selectors) : linksIn($, base);
  const candidates = new Map<string, Candidate>();
  const rejected: ListPage["rejected"] = [];
  for (const { url, title, date } of entries) {
    if (url === base || candidates.has(url)) continue;
    const verdict = judgeTitle(title, o.subject);
    if (verdict.kind === "not_report") {
      if (verdict.code === "about_reports" || verdict.code === "wrong_end") rejected.push({ url, title, date, why: verdict.why });
    } else candidates.set(url, { url, title, date, verdict: verdict.kind });
  }
  return { candidates: [...candidates.values()], rejected, next: nextPages($, html, base) };
}

/** Where a page that only redirects sends the browser: <meta http-equiv=refresh>, or a one-line script. */
export function redirectTarget(html: string, base: string): string | null {
  const $ = cheerio.load(html);
  const refresh = $("meta[http-equiv]")
    .filter((_, m) => /^refresh$/i.test($(m).attr("http-equiv") ?? ""))
    .attr("content");
  const meta = refresh && /url\s*=\s*['"]?([^'";]+)/i.exec(refresh)?.[1];
  if (meta) return absolute(meta, base);
  if (squash($("body").text()).length > 200) return null;
  const script = /(?:window\.|document\.|top\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"]|location\.replace\(\s*['"]([^'"]+)['"]/.exec($("script").text());
  return script ? absolute(script[1] ?? script[2]!, base) : null;
}

const DOC_EXT = /\.(?:pdf|docx?|wps)(?=$|[?#])/i;
const ATTACHMENT_WORDS = /附件|下载|全文|原文/;
const DOWNLOAD_URL = /download|attach|getfile|fujian|file|fid=|[?&]id=/i;
const CHROME = "nav, header, footer, aside, [class*=nav], [class*=menu], [class*=foot], [class*=side], [id*=nav], [id*=foot]";

/** The documents an article links as its attachments. */
export function attachmentLinks(html: string, base: string): Link[] {
  const $ = cheerio.load(html);
  $(CHROME).remove();
  const seen = new Set<string>();
  return linksIn($, base).filter((l) => {
    const { pathname, search } = new URL(l.url);
    const isDoc = DOC_EXT.test(pathname + search) || DOC_EXT.test(l.title) || (ATTACHMENT_WORDS.test(l.title) && DOWNLOAD_URL.test(pathname + search));
    if (!isDoc || seen.has(l.url) || l.url === base) return false;
    seen.add(l.url);
    return true;
  });
}

/** A sitemap's page URLs, and the sitemaps a sitemap index lists. */
export function sitemapLocations(xml: string): { pages: string[]; sitemaps: string[] } {
  const $ = cheerio.load(xml, { xml: true });
  const locs = (sel: string) =>
    $(sel)
      .toArray()
      .map((l) => $(l).text().trim())
      .filter((u) => /^https?:\/\//.test(u));
  return { pages: locs("url > loc"), sitemaps: locs("sitemap > loc") };
}
