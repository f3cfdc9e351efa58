// HTML pages: charset from the header, then <meta>, then detection; the report body without site chrome,
// prefixed by its title and info line so the text reads like a plain-text report; the page's own
// metadata (ArticleTitle, PubDate, ContentSource) as hints.
import * as cheerio from "cheerio";
import { type CleanText, cleanText, dateIn, looksLikeTitle } from "./cleanText.ts";
import { charsetFromContentType, charsetLabel, decodeText } from "./decode.ts";
import { pageContent, renderText } from "./htmlContent.ts";
import { normaliseText } from "./normalise.ts";
import { ParseError } from "./errors.ts";

/**
 * Deeper than this is no page a person reads (Chromium's parser stops nesting at 512): a browser's tree
 * builder, parse5 too, looks through the open elements at each tag, so a page nested 50,000 deep costs it
 * minutes. The depth is estimated from the tags alone, in one pass: elements whose end tag is optional
 * (HTML §13.1.2.4: p, li, td…) are closed by the next of their kind and never nest, void ones never open.
 */
const MAX_DEPTH = 512;
const VOID = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));
const END_OPTIONAL = new Set("p li dt dd tr td th option optgroup rt rp rb rtc thead tbody tfoot colgroup caption".split(" "));
const TAG_NAME = /^(\/?)([a-zA-Z][^\s/>]*)/;

function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  let end = -1; // the next ">", found once for all the "<" before it
  for (let open = html.indexOf("<"); open >= 0; open = html.indexOf("<", open + 1)) {
    if (end < open && (end = html.indexOf(">", open)) < 0) break;
    const tag = TAG_NAME.exec(html.slice(open + 1, open + 40));
    if (!tag) continue;
    const name = tag[2]!.toLowerCase();
    if (VOID.has(name) || END_OPTIONAL.has(name)) continue;
    if (tag[1]) depth = Math.max(0, depth - 1);
    else if (html[end - 1] !== "/") deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  return charsetLabel(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]);
}

const squash = (s: string) => s.replace(/\s+/g, "");

/** An HTML page's text in its charset: the header's, else the <meta>'s, else detected. */
export const decodeHtml = (bytes: Uint8Array, contentType: string) => decodeText(bytes, charsetFromContentType(contentType) ?? metaCharset(bytes));

/** Runs of whitespace this long carry no layout (padding, spam): the HTML tokenizer builds a text node a
 * character at a time, so a megabyte of them costs garbage collection that grows faster than the input. */
const LONG_WHITESPACE = /[ \t\n\r\f]{64,}/g;

/** Long whitespace runs cut down to what they can mean: a paragraph break when they hold line breaks, a space otherwise. */
const boundWhitespace = (html: string) => html.replace(LONG_WHITESPACE, (run) => (run.includes("\n") ? "\n\n" : " "));

/** `document`: HTML a word processor exported (no site chrome to remove): the whole body is the report. */
export function htmlText(bytes: Uint8Array, contentType: string, { document = false } = {}): CleanText {
  const html = decodeHtml(bytes, contentType);
  const depth = nestingDepth(html);
  if (depth > MAX_DEPTH) throw new ParseError(`HTML nested ${depth} elements deep, over the limit of ${MAX_DEPTH}: not a page to read`);
  const $ = cheerio.load(boundWhitespace(html));
  const meta = (name: string) => $(`meta[name='${name}' i]`).attr("content")?.trim() || null;
  const headings = [
    ...$("h1")
      .toArray()
      .map((h) => $(h).text()),
    $("title")
      .text()
      .split(/[_|]| - /)[0] ?? "",
  ];
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
