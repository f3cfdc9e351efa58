// One crawl of one source: walk its list pages, pick report links by title, fetch each article (or the
// attachment a wrapper article points to), and land what is new or changed. The runner around the pure
// page readers in discover.ts.
import { basename } from "node:path";
import type { RawReport } from "../../schemas/messages.ts";
import type { Source } from "../../schemas/sources.ts";
import { sha256, type LandingZone } from "../../pipelines/landing/landingZone.ts";
import { htmlText, decodeHtml } from "../../pipelines/stages/parse/html.ts";
import type { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { landPayload } from "../publishRaw.ts";
import { DEFAULT_TITLE, readListPage, wrapperAttachments, type Link } from "./discover.ts";
import { DEFAULT_POLITENESS, PoliteFetcher, type Fetched, type Politeness } from "./politeFetch.ts";

export interface CrawlResult {
  raws: RawReport[];
  fetched: number;
  unchanged: number;
  errors: string[];
}

const isHtml = (f: Fetched) => /html/i.test(f.contentType);

export async function crawlSource(
  source: Source,
  landing: LandingZone,
  warehouse: Warehouse,
  politeness: Partial<Politeness> = {},
  onArticle?: (done: number, total: number) => void,
): Promise<CrawlResult> {
  const fetcher = new PoliteFetcher({
    ...DEFAULT_POLITENESS,
    allowHosts: source.allow_hosts,
    ratePerMinute: source.rate_per_minute,
    timeoutMs: source.timeout_seconds * 1000,
    maxBytes: source.max_bytes,
    ...politeness,
  });
  const pattern = source.title_pattern ? new RegExp(source.title_pattern) : DEFAULT_TITLE;
  const result: CrawlResult = { raws: [], fetched: 0, unchanged: 0, errors: [] };
  const fail = (err: unknown) => void result.errors.push((err as Error).message);

  const articles = new Map<string, Link>();
  const queue = [...source.start_urls];
  const seenPages = new Set<string>();
  while (queue.length && seenPages.size < source.max_pages) {
    const url = queue.shift()!;
    if (seenPages.has(url)) continue;
    seenPages.add(url);
    try {
      const page = await fetcher.fetch(url);
      if (page.status >= 400) throw new Error(`${url}: HTTP ${page.status}`);
      const { reports, next } = readListPage(decodeHtml(page.body, page.contentType), page.url, pattern);
      for (const r of reports) if (source.allow_hosts.includes(new URL(r.url).host)) articles.set(r.url, r);
      queue.push(...next.filter((n) => source.allow_hosts.includes(new URL(n).host)));
    } catch (err) {
      fail(err);
    }
  }

  let done = 0;
  for (const article of articles.values()) {
    try {
      await landIfChanged(article.url, article, fetcher, landing, warehouse, result);
    } catch (err) {
      fail(err);
    }
    onArticle?.(++done, articles.size);
  }
  return result;
}

async function landIfChanged(url: string, link: Link, fetcher: PoliteFetcher, landing: LandingZone, warehouse: Warehouse, result: CrawlResult, depth = 0): Promise<void> {
  const known = await warehouse.crawlState(url);
  const res = await fetcher.fetch(url, known ?? {});
  if (res.status === 304) {
    result.unchanged++;
    return;
  }
  if (res.status >= 400) throw new Error(`${url}: HTTP ${res.status}`);
  result.fetched++;
  const hash = sha256(res.body);
  const remember = () => warehouse.saveCrawlState(url, { etag: res.etag, lastModified: res.lastModified, sha256: hash });
  if (known?.sha256 === hash) {
    result.unchanged++;
    return remember();
  }
  let hints = { title: link.title || null, published_date: null as string | null, site_host: new URL(url).host };
  if (isHtml(res) && depth === 0) {
    const page = htmlText(res.body, res.contentType);
    hints = { ...hints, title: page.page.title ?? hints.title, published_date: page.page.published_date };
    const files = wrapperAttachments(decodeHtml(res.body, res.contentType), res.url, page.text.length);
    if (files.length) {
      for (const file of files) await landIfChanged(file.url, { url: file.url, title: hints.title ?? file.title }, fetcher, landing, warehouse, result, depth + 1);
      return remember();
    }
  }
  const { raw } = await landPayload(landing, {
    bytes: res.body,
    source: "crawler",
    source_url: url,
    file_name: basename(new URL(url).pathname) || "index.html",
    content_type: res.contentType,
    hints,
  });
  result.raws.push(raw);
  await remember();
}
