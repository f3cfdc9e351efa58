// An article page as the crawler judges it: its title and 发布时间, its clean text as the parse stage will
// read it, and a fingerprint of that text with what changes per request taken out (浏览次数 counters, a
// clock), so a page is "changed" only when its report is. With a body selector, only that part of the
// page is the report: it is what gets landed, as a small document of its own.
import * as cheerio from "cheerio";
import type { Selectors } from "../../schemas/sources.ts";
import { sha256 } from "../../pipelines/landing/landingZone.ts";
import { dateIn } from "../../pipelines/stages/parse/cleanText.ts";
import { decodeHtml, htmlText } from "../../pipelines/stages/parse/html.ts";

export interface Article {
  title: string | null;
  published_date: string | null;
  /** clean text, as the parse stage reads it */
  text: string;
  fingerprint: string;
  /** the bytes to land: the page itself, or the selected body as its own document */
  payload: { bytes: Uint8Array; contentType: string };
}

const VOLATILE = [
  /(浏览|访问|阅读|点击|查看|累计)(次数|量|数|人次)?\s*[:：]?\s*\d+\s*次?/g,
  /(今天|今日|当前时间)是?\s*[:：]?\s*\d{4}年\d{1,2}月\d{1,2}日[^\n]*/g,
  /\d{1,2}:\d{2}:\d{2}/g,
];

function fingerprintOf(text: string): string {
  return sha256(VOLATILE.reduce((t, re) => t.replace(re, ""), text).replace(/\s+/g, ""));
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `listTitle`: the title the list gave the link, for pages that do not print their own. */
export function readArticle(bytes: Uint8Array, contentType: string, selectors?: Selectors, listTitle: string | null = null): Article {
  const page = htmlText(bytes, contentType);
  if (!selectors?.body && !selectors?.date) {
    return {
      title: page.page.title,
      published_date: page.page.published_date,
      text: page.text,
      fingerprint: fingerprintOf(page.text),
      payload: { bytes, contentType },
    };
  }
  const $ = cheerio.load(decodeHtml(bytes, contentType));
  const published = (selectors.date && dateIn($(selectors.date).first().text())) || page.page.published_date;
  const body = selectors.body ? $(selectors.body).first() : null;
  if (!body?.length)
    return { title: page.page.title, published_date: published, text: page.text, fingerprint: fingerprintOf(page.text), payload: { bytes, contentType } };
  const title = page.page.title ?? listTitle ?? "";
  const doc = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${published ? `<meta name="PubDate" content="${published}">` : ""}</head>
<body><h1>${escapeHtml(title)}</h1>${$.html(body)}</body></html>`;
  const reduced = Buffer.from(doc, "utf8");
  const text = htmlText(reduced, "text/html; charset=utf-8").text;
  return {
    title: page.page.title,
    published_date: published,
    text,
    fingerprint: fingerprintOf(text),
    payload: { bytes: reduced, contentType: "text/html; charset=utf-8" },
  };
}
