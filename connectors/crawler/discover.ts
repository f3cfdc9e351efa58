// What a list page or an article page offers the crawler: report links picked by title, the next list
// pages (下一页 links and createPageHTML script paging), and attachments of a wrapper article. Pure.
import * as cheerio from "cheerio";

export const DEFAULT_TITLE = /法治政府建设.*(?:报告|总结)|依法行政.*(?:报告|总结)|依法治(?:省|市|县|区|理).*(?:报告|总结)|政府信息公开.*年度?报告/;
const ATTACHMENT = /\.(?:pdf|docx?|wps)(?:$|\?)/i;

export interface Link {
  url: string;
  title: string;
}

const absolute = (href: string, base: string) => {
  try {
    return new URL(href, base).href.replace(/#.*$/, "");
  } catch {
    return null;
  }
};

function links(html: string, base: string): Link[] {
  const $ = cheerio.load(html);
  return $("a[href]")
    .toArray()
    .flatMap((a) => {
      const url = absolute($(a).attr("href")!, base);
      const title = ($(a).attr("title") || $(a).text()).replace(/\s+/g, "");
      return url && /^https?:/.test(url) ? [{ url, title }] : [];
    });
}

/** createPageHTML(总页数, 当前页, "index", "html"): the paging many government CMSs write in a script. */
function scriptPages(html: string, base: string): string[] {
  const m = /createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/.exec(html);
  if (!m) return [];
  const [total, current, name, ext] = [Number(m[1]), Number(m[2]), m[3], m[4]];
  return Array.from({ length: Math.min(total, 200) }, (_, i) => i)
    .filter((i) => i !== current)
    .map((i) => absolute(i === 0 ? `${name}.${ext}` : `${name}_${i}.${ext}`, base)!)
    .filter(Boolean);
}

export function readListPage(html: string, base: string, titlePattern: RegExp): { reports: Link[]; next: string[] } {
  const all = links(html, base);
  const reports = all.filter((l) => titlePattern.test(l.title) && !ATTACHMENT.test(l.url));
  const next = [...all.filter((l) => /^(?:下一页|下页|后页|>|›)$/.test(l.title)).map((l) => l.url), ...scriptPages(html, base)];
  return { reports, next: [...new Set(next)] };
}

/** An article page whose body is little more than a link to the report file gives that file instead. */
export function wrapperAttachments(html: string, base: string, bodyChars: number): Link[] {
  const files = links(html, base).filter((l) => ATTACHMENT.test(l.url));
  return bodyChars < 600 ? files : [];
}
