// HTML pages: charset from the header, then <meta>, then detection; the report body without site chrome,
// prefixed by its title and info line so the text reads like a plain-text report; the page's own
// metadata (ArticleTitle, PubDate, ContentSource) as hints.
import * as cheerio from "cheerio";
import { type CleanText, cleanText, dateIn, looksLikeTitle } from "./cleanText.ts";
import { charsetFromContentType, charsetLabel, decodeText } from "./decode.ts";
import { pageContent, renderText } from "./htmlContent.ts";
import { normaliseText } from "./normalise.ts";

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  return charsetLabel(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]);
}

const squash = (s: string) => s.replace(/\s+/g, "");

/** An HTML page's text in its charset: the header's, else the <meta>'s, else detected. */
export const decodeHtml = (bytes: Uint8Array, contentType: string) =>
  decodeText(bytes, charsetFromContentType(contentType) ?? metaCharset(bytes));

/** `document`: HTML a word processor exported (no site chrome to remove): the whole body is the report. */
export function htmlText(bytes: Uint8Array, contentType: string, { document = false } = {}): CleanText {
  const $ = cheerio.load(decodeHtml(bytes, contentType));
  const meta = (name: string) => $(`meta[name='${name}' i]`).attr("content")?.trim() || null;
  const headings = [...$("h1").toArray().map((h) => $(h).text()), $("title").text().split(/[_|]| - /)[0] ?? ""];
  const found = meta("ArticleTitle") ?? headings.map((h) => h.trim()).find(looksLikeTitle) ?? null;
  const title = found && normaliseText(found);
  const published = meta("PubDate") ?? meta("publishdate");

  const { info, body } = document ? { info: [], body: renderText($("body").toArray()) } : pageContent($);
  const lead = title && !squash(body).startsWith(squash(title)) ? [title] : [];
  const clean = cleanText([...lead, ...info, body].join("\n"));
  return {
    text: clean.text,
    page: {
      title: title ?? clean.page.title,
      published_date: (published && dateIn(published)) ?? clean.page.published_date,
      org: (meta("ContentSource") && normaliseText(meta("ContentSource")!)) ?? clean.page.org,
    },
  };
}
