// The report inside a government web page: site chrome (navigation, breadcrumbs, share widgets, footers,
// hidden injected links) is removed, the element holding most running text is taken as the report body,
// and the page's info line (发布时间, 来源) is kept apart so cleanText can read it as hints.
import type { CheerioAPI } from "cheerio";
import { type AnyNode, type Element, isTag, isText, type ParentNode } from "domhandler";
import { unwrapCjk } from "./cjk.ts";
import { CELL_SEPARATOR, tableGrid } from "./tableGrid.ts";

const BLOCK = new Set(
  (
    "address article aside blockquote body br caption center dd details div dl dt fieldset figcaption figure footer " +
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul"
  ).split(" "),
);
const CELL = new Set(["td", "th"]);

const NEVER_TEXT = "script, style, noscript, iframe, template, svg, canvas, object, embed, input, button, select, textarea";
const HIDDEN =
  "[hidden], [aria-hidden=true], [style*='display:none' i], [style*='display: none' i], [style*='visibility:hidden' i], [style*='visibility: hidden' i]";
const CHROME_TAGS = "nav, header, footer, aside";

// class/id tokens site templates use for chrome: whole tokens for short words, substrings for telling ones
const CHROME_TOKEN = /^(nav|top|head|header|foot|bottom|side|search|login|print|tools?|links?|position|location|dqwz|ewm|qrcode)$/i;
const CHROME_PART = /(navbar|menu|breadcrumb|crumb|share|copyright|footer|sidebar|banner|friendlink)/i;
const CHROME_TEXT = /^(当前位置|您现在的位置|你的位置|您所在的位置)/;

const INFO = /(发布|发表|更新)(时间|日期)\s*[:：]|来源\s*[:：]/;

function isChrome(el: Element, texts: Map<Element, string | null>): boolean {
  const names = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`.split(/\s+/).filter(Boolean);
  if (names.some((n) => CHROME_TOKEN.test(n) || CHROME_PART.test(n))) return true;
  const text = texts.get(el)?.trim();
  return text !== undefined && text.length < 120 && CHROME_TEXT.test(text);
}

// Pages nest elements 100,000 deep and put 100,000 blocks side by side: nothing below recurses over the
// tree or asks each element for its whole text, so a page costs time in proportion to its size.

/** The elements under `roots` in document order (parents before their children), without recursion. */
function elementsIn(roots: AnyNode[]): Element[] {
  const out: Element[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** Each element's text when it has at most `limit` characters, else null: children first, each text built once. */
function shortTexts(elements: Element[], limit: number): Map<Element, string | null> {
  const texts = new Map<Element, string | null>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    let text: string | null = "";
    for (const child of el.children) {
      const part = isText(child) ? child.data : isTag(child) ? texts.get(child)! : "";
      text = part === null || text.length + part.length > limit ? null : text + part;
      if (text === null) break;
    }
    texts.set(el, text);
  }
  return texts;
}

/** Removes elements from the tree, each parent's children filtered once (one splice each is quadratic). */
function removeAll(elements: Element[]): void {
  const gone = new Set<AnyNode>(elements);
  const parents = new Set<ParentNode>(elements.flatMap((el) => (el.parent ? [el.parent] : [])));
  for (const parent of parents) {
    parent.children = parent.children.filter((c) => !gone.has(c));
    parent.children.forEach((c, i, all) => {
      c.prev = all[i - 1] ?? null;
      c.next = all[i + 1] ?? null;
    });
  }
  for (const el of elements) el.parent = el.prev = el.next = null;
}

/** The text a reader sees: block elements and <br> break lines, a data table is one line a row (tableGrid),
 * the cells of a layout table are spaced. */
export function renderText(nodes: AnyNode[]): string {
  const out: string[] = [];
  // nodes still to visit, and the separators to write once an element's children are done
  const todo: Array<AnyNode | string> = [...nodes].reverse();
  while (todo.length) {
    const node = todo.pop()!;
    if (typeof node === "string") {
      out.push(node);
      continue;
    }
    if (isText(node)) out.push(unwrapCjk(node.data).replace(/[ \t\r\n\f]+/g, " "));
    if (!isTag(node)) continue;
    const grid = node.name === "table" ? tableGrid(node, renderText) : null;
    if (grid) {
      out.push("\n", grid.map((row) => row.join(CELL_SEPARATOR)).join("\n"), "\n");
      continue;
    }
    const block = BLOCK.has(node.name);
    if (block) out.push("\n");
    todo.push(`${block ? "\n" : ""}${CELL.has(node.name) ? " " : ""}`);
    for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i]!);
  }
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** Length of the running text directly in each element (inline children included, links not). */
function ownTextLengths(elements: Element[]): Map<Element, number> {
  const lengths = new Map<Element, number>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    let n = 0;
    for (const child of el.children) {
      if (isText(child)) n += child.data.replace(/\s+/g, "").length;
      else if (isTag(child) && child.name !== "a" && !BLOCK.has(child.name)) n += lengths.get(child)!;
    }
    lengths.set(el, n);
  }
  return lengths;
}

function bodyElement($: CheerioAPI): Element | null {
  const score = new Map<Element, number>();
  const add = (el: Element | null, s: number) => {
    if (el && el.name !== "html") score.set(el, (score.get(el) ?? 0) + s);
  };
  const elements = elementsIn($("body").toArray()).slice(1);
  const own = ownTextLengths(elements);
  for (const el of elements) {
    const s = own.get(el)!;
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
  const elements = elementsIn($("body").toArray()).slice(1);
  const texts = shortTexts(elements, 199);
  const blocks = elements.filter((el) => {
    const text = texts.get(el);
    return BLOCK.has(el.name) && el.name !== "br" && text != null && INFO.test(text);
  });
  // the deepest: blocks holding no other such block (each ancestor marked once)
  const holding = new Set<AnyNode>();
  for (const el of blocks) {
    for (let up = el.parent; up && !holding.has(up); up = up.parent) holding.add(up);
  }
  const deepest = blocks.filter((el) => !holding.has(el));
  const lines = deepest.map((el) => renderText([el]).replace(/\n/g, " "));
  removeAll(deepest);
  return lines;
}

export interface PageContent {
  /** the page's info lines (发布时间, 来源, …) found outside the report body */
  info: string[];
  body: string;
}

/** Mutates the document: chrome is removed from it. */
export function pageContent($: CheerioAPI): PageContent {
  removeAll($(NEVER_TEXT).toArray());
  removeAll($(HIDDEN).toArray());
  const info = infoLines($);
  removeAll($(CHROME_TAGS).toArray());
  const elements = elementsIn($("body").toArray()).slice(1);
  const texts = shortTexts(elements, 1000);
  removeAll(elements.filter((el) => isChrome(el, texts)));
  const body = bodyElement($);
  return { info, body: body ? renderText([body]) : "" };
}
