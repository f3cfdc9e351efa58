// The report inside a government web page: site chrome (navigation, breadcrumbs, share widgets, footers,
// hidden injected links) is removed, the element holding most running text is taken as the report body,
// and the page's info line (发布时间, 来源) is kept apart so cleanText can read it as hints.
import { type CheerioAPI, contains } from "cheerio";
import { type AnyNode, type Element, isTag, isText } from "domhandler";
import { unwrapCjk } from "./cjk.ts";
import { CELL_SEPARATOR, tableGrid } from "./tableGrid.ts";

const BLOCK = new Set(
  ("address article aside blockquote body br caption center dd details div dl dt fieldset figcaption figure footer " +
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul").split(" "),
);
const CELL = new Set(["td", "th"]);

const NEVER_TEXT = "script, style, noscript, iframe, template, svg, canvas, object, embed, input, button, select, textarea";
const HIDDEN = "[hidden], [aria-hidden=true], [style*='display:none' i], [style*='display: none' i], [style*='visibility:hidden' i], [style*='visibility: hidden' i]";
const CHROME_TAGS = "nav, header, footer, aside";

// class/id tokens site templates use for chrome: whole tokens for short words, substrings for telling ones
const CHROME_TOKEN = /^(nav|top|head|header|foot|bottom|side|search|login|print|tools?|links?|position|location|dqwz|ewm|qrcode)$/i;
const CHROME_PART = /(navbar|menu|breadcrumb|crumb|share|copyright|footer|sidebar|banner|friendlink)/i;
const CHROME_TEXT = /^(当前位置|您现在的位置|你的位置|您所在的位置)/;

const INFO = /(发布|发表|更新)(时间|日期)\s*[:：]|来源\s*[:：]/;

function isChrome($: CheerioAPI, el: Element): boolean {
  const names = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`.split(/\s+/).filter(Boolean);
  if (names.some((n) => CHROME_TOKEN.test(n) || CHROME_PART.test(n))) return true;
  const text = $(el).text().trim();
  return text.length < 120 && CHROME_TEXT.test(text);
}

/** The text a reader sees: block elements and <br> break lines, a data table is one line a row (tableGrid),
 * the cells of a layout table are spaced. */
export function renderText(nodes: AnyNode[]): string {
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    if (isText(node)) out.push(unwrapCjk(node.data).replace(/[ \t\r\n\f]+/g, " "));
    if (!isTag(node)) return;
    const grid = node.name === "table" ? tableGrid(node, renderText) : null;
    if (grid) {
      out.push("\n", grid.map((row) => row.join(CELL_SEPARATOR)).join("\n"), "\n");
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) out.push("\n");
    node.children.forEach(walk);
    if (block) out.push("\n");
    if (CELL.has(node.name)) out.push(" ");
  };
  nodes.forEach(walk);
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** Length of the running text directly in an element (inline children included, links not). */
function ownTextLength(el: Element): number {
  let n = 0;
  const walk = (node: AnyNode) => {
    if (isText(node)) n += node.data.replace(/\s+/g, "").length;
    else if (isTag(node) && node.name !== "a" && !BLOCK.has(node.name)) node.children.forEach(walk);
  };
  el.children.forEach(walk);
  return n;
}

function bodyElement($: CheerioAPI): Element | null {
  const score = new Map<Element, number>();
  const add = (el: Element | null, s: number) => {
    if (el && el.name !== "html") score.set(el, (score.get(el) ?? 0) + s);
  };
  for (const el of $("body *").toArray()) {
    const s = ownTextLength(el);
    if (s < 10) continue;
    const parent = el.parent && isTag(el.parent) ? el.parent : null;
    add(el, s);
    add(parent, s / 2);
    add(parent?.parent && isTag(parent.parent) ? parent.parent : null, s / 4);
  }
  let best: Element | null = null;
  for (const [el, s] of score) if (!best || s > score.get(best)!) best = el;
  return best && outsideDataTable(best);
}

const TABLE_PART = new Set(["table", "thead", "tbody", "tfoot", "tr", "td", "th"]);

/** A report that is mostly a data table: its body is what holds the table, not one of its rows or cells. */
function outsideDataTable(el: Element): Element {
  let table: Element | null = el;
  while (table && table.name !== "table") table = table.parent && isTag(table.parent) && TABLE_PART.has(table.parent.name) ? table.parent : null;
  if (!TABLE_PART.has(el.name) || !table || !tableGrid(table, renderText)) return el;
  return table.parent && isTag(table.parent) ? table.parent : table;
}

function infoLines($: CheerioAPI): string[] {
  const blocks = $("body *")
    .toArray()
    .filter((el) => BLOCK.has(el.name) && el.name !== "br")
    .filter((el) => {
      const text = $(el).text();
      return text.length < 200 && INFO.test(text);
    });
  const deepest = blocks.filter((el) => !blocks.some((other) => other !== el && contains(el, other)));
  const lines = deepest.map((el) => renderText([el]).replace(/\n/g, " "));
  $(deepest).remove();
  return lines;
}

export interface PageContent {
  /** the page's info lines (发布时间, 来源, …) found outside the report body */
  info: string[];
  body: string;
}

/** Mutates the document: chrome is removed from it. */
export function pageContent($: CheerioAPI): PageContent {
  $(NEVER_TEXT).remove();
  $(HIDDEN).remove();
  const info = infoLines($);
  $(CHROME_TAGS).remove();
  $("body *")
    .toArray()
    .filter((el) => isChrome($, el))
    .forEach((el) => $(el).remove());
  const body = bodyElement($);
  return { info, body: body ? renderText([body]) : "" };
}
