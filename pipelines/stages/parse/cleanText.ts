// Report text without page furniture: the lines a site wraps around a report (publish time, hit counters,
// font switches, ICP and copyright footers) and spam injected above the title are dropped, and what the
// page said about the report (发布时间, 来源/版权所有) is kept as hints for the metadata.
import { normaliseText } from "./normalise.ts";

export interface PageHints {
  title: string | null;
  published_date: string | null;
  /** organisation the page names as source or copyright holder */
  org: string | null;
}

export interface CleanText {
  text: string;
  page: PageHints;
}

const FURNITURE = [
  /(发布|发表|更新)(时间|日期)\s*[:：]/,
  // a hit counter, not a sentence that reports one (公众号全年推送信息236条，累计阅读量12.6万次。)
  /^(?!.*。).*(访问|浏览|阅读|点击|累计)(次数|量)\s*[:：]?/,
  /字体\s*(大小)?\s*[:：]?\s*[[【(（]?\s*(大|中|小|[\]】)）])/,
  /^字体大小[:：]?$/,
  /^(信息)?来源\s*[:：]/,
  /ICP[备证]?\s*\d|公安机关备案号|网站标识码|版权所有|技术支持\s*[:：]|主办单位\s*[:：]|承办单位\s*[:：]/,
  /^地址\s*[:：].*(邮编|电话)/,
  /^(打印|关闭|收藏|分享到?|打印本页|关闭窗口|【?打印】?|【?关闭】?|图片|扫一扫.*)$/,
];

const SPAM = /(官网|娱乐|博彩|彩票|赌场|棋牌|真人|体育投注|百家乐|六合彩|老虎机|bbin|ag真人|开户|注册送)/i;

const TITLE = /(报告|总结|情况|年报|要点|工作)/;

export const looksLikeTitle = (line: string) => TITLE.test(line);

const DATE = /(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})/;

/** The first date written in `text`, as YYYY-MM-DD. */
export function dateIn(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d] = m;
  return `${y}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
}

function pageOrg(line: string): string | null {
  const m = /(?:信息来源|来源|版权所有|主办单位)\s*[:：]\s*([\u4e00-\u9fa5（）()]{4,40}?)(?=\s|$|技术支持|发布|浏览|访问|累计|字体)/.exec(line);
  return m ? m[1]! : null;
}

export function cleanText(raw: string): CleanText {
  // normalised first: the furniture filters and the title must see "　　图片" as 图片, ２０２４ as 2024
  const lines = normaliseText(raw.replace(/\r\n?/g, "\n").replace(/[\u200b-\u200d\ufeff]/g, "")).split("\n");
  const page: PageHints = { title: null, published_date: null, org: null };
  const body: string[] = [];
  for (const line of lines) {
    if (!line) {
      if (body.length && body[body.length - 1] !== "") body.push("");
      continue;
    }
    if (line.length < 160 && FURNITURE.some((re) => re.test(line))) {
      if (/(发布|发表|更新)(时间|日期)/.test(line)) page.published_date ??= dateIn(line);
      page.org ??= pageOrg(line);
      continue;
    }
    const beforeTitle = page.title === null;
    if (beforeTitle && line.length < 60 && SPAM.test(line) && !TITLE.test(line)) continue;
    // a table row (cells between " | ") is never the title, however it names the work
    if (beforeTitle && body.length < 8 && line.length <= 80 && !/[。；;]| \| /.test(line) && TITLE.test(line)) page.title = line.trim();
    body.push(line);
  }
  while (body.length && body[body.length - 1] === "") body.pop();
  return { text: body.join("\n"), page };
}
