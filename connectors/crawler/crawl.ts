// One crawl of one source: read its list pages (and the sitemaps robots.txt lists) for report links,
// then visit each: a report page or file is landed and announced when its content is new or changed, a
// wrapper article gives its attachments instead, a "maybe" is settled by the page's own title. Each URL's
// state is committed only after what it yielded is announced, so a killed crawl loses nothing and the
// next one resumes. Every outcome is counted; every failure becomes a dead letter with its URL.
import { basename } from "node:path";
import contentDisposition from "content-disposition";
import type { RunRecord } from "../../schemas/messages.ts";
import type { Source } from "../../schemas/sources.ts";
import { sha256, type LandingZone } from "../../pipelines/landing/landingZone.ts";
import { contentTypeFor } from "../../pipelines/stages/parse/contentType.ts";
import { decodeHtml } from "../../pipelines/stages/parse/html.ts";
import { landPayload, type Outlet } from "../publishRaw.ts";
import { readArticle } from "./article.ts";
import type { CrawlState, UrlState } from "./crawlState.ts";
import { urlKey } from "./crawlState.ts";
import { attachmentLinks, readListPage, redirectTarget, sitemapLocations, type Candidate } from "./discover.ts";
import { hostKey, PoliteFetcher, type FetchOutcome, type Web } from "./politeFetch.ts";
import { cleanTitle, DEFAULT_SUBJECT, judgeTitle } from "./reportTitle.ts";
import { Tally, type Outcome } from "../tally.ts";

export interface CrawlDeps {
  web: Web;
  state: CrawlState;
  outlet: Outlet;
  landing: LandingZone;
  /** each fetch's outcome with its reason code, for metrics */
  onOutcome?: (outcome: Outcome, code: string) => void;
  /** a run that was killed part-way: what it committed is not fetched again */
  resumeRunId?: string | null;
}

/** An article shorter than this that links documents is only their wrapper. */
const WRAPPER_CHARS = 600;
const REMEMBER_NOT_REPORT_MS = 30 * 86_400_000;
const REMEMBER_GONE_MS = 7 * 86_400_000;
const MAX_SITEMAPS = 5;
const GENERIC_TYPES = /^(application\/(octet-stream|x-download|force-download|download|unknown)|binary\/octet-stream)?$/i;

interface Visit extends Candidate {
  /** the page that linked it */
  referrer: string;
  /** what a wrapper article says about its attachments */
  wrapper?: { title: string | null; published_date: string | null };
}

const isHtml = (contentType: string, body: Buffer) =>
  /html/i.test(contentType) ||
  (!/pdf|word|officedocument|octet/i.test(contentType) && /^\s*<(!doctype html|html|head|body)/i.test(body.subarray(0, 256).toString("latin1")));

function fileNameOf(url: string, headers: Record<string, string>): string {
  try {
    const name = headers["content-disposition"] && contentDisposition.parse(headers["content-disposition"]).parameters.filename;
    if (name) return basename(name);
  } catch {
    // an unparsable Content-Disposition: the URL names the file
  }
  return basename(new URL(url).pathname) || "index.html";
}

function policyOf(source: Source) {
  return {
    allowHosts: source.allow_hosts.map((h) => hostKey(`http://${h}/`)),
    intervalMs: 60_000 / source.rate_per_minute,
    timeoutMs: source.timeout_seconds * 1000,
    maxBytes: source.max_bytes,
    maxRetryAfterMs: source.max_retry_after_seconds * 1000,
    maxRedirects: 5,
    retries: 2,
    backoffMs: Math.min(1000, source.timeout_seconds * 500),
  };
}

export class SourceCrawl {
  private readonly fetcher: PoliteFetcher;
  private readonly tally: Tally;
  private readonly subject: RegExp;
  private listPagesRead = 0;

  constructor(
    private readonly source: Source,
    private readonly run: RunRecord,
    private readonly d: CrawlDeps,
  ) {
    this.fetcher = new PoliteFetcher(policyOf(source), d.web);
    this.tally = new Tally(d.onOutcome);
    this.subject = source.title_pattern ? new RegExp(source.title_pattern) : DEFAULT_SUBJECT;
  }

  private get aborted() {
    return this.d.web.signal?.aborted ?? false;
  }

  /** Crawls, and returns the run's final record. */
  async crawl(): Promise<RunRecord> {
    const candidates = await this.listPages();
    if (this.source.sitemaps && !this.aborted) await this.sitemaps(candidates);
    this.tally.counts.discovered = candidates.size;
    for (const c of candidates.values()) {
      if (this.aborted) break;
      await this.visit(c);
    }
    const status = this.tally.status(this.aborted, this.listPagesRead > 0);
    return {
      ...this.run,
      ...this.tally.counts,
      status,
      ended_at: new Date().toISOString(),
      empty_streak: status === "failed" || status === "interrupted" ? this.run.empty_streak : candidates.size ? 0 : this.run.empty_streak + 1,
      error: this.tally.errorSummary(),
    };
  }

  /** Counts an outcome; a failure also becomes a dead letter naming the URL. */
  private async outcome(o: FetchOutcome | { kind: Outcome; code: string; url: string; reason?: string }): Promise<void> {
    const kind: Outcome = o.kind === "ok" ? "fetched" : o.kind;
    const code = "code" in o ? o.code : kind;
    const reason = "reason" in o ? o.reason : undefined;
    if (code === "aborted") return;
    this.tally.count(kind, code, reason);
    if (kind !== "failed") return;
    await this.d.outlet.deadLetter({
      stage: "crawl",
      reason: reason ?? code,
      source: this.source.id,
      source_url: o.url,
      landing_key: null,
      excerpt: null,
      failed_at: new Date().toISOString(),
    });
  }

  /** URL keys of the list pages read (and of the redirects to them) */
  private readonly listed = new Set<string>();

  private async listPages(): Promise<Map<string, Visit>> {
    const candidates = new Map<string, Visit>();
    const rejected = new Set<string>();
    const queue = [...this.source.start_urls];
    const seen = this.listed;
    while (queue.length && this.listPagesRead < this.source.max_pages && !this.aborted) {
      const url = queue.shift()!;
      if (seen.has(urlKey(url))) continue;
      seen.add(urlKey(url));
      const res = await this.fetcher.get(url);
      await this.outcome(res);
      if (res.kind !== "ok") continue;
      seen.add(urlKey(res.url));
      const html = decodeHtml(res.body, res.headers["content-type"] ?? "");
      const redirect = redirectTarget(html, res.url);
      if (redirect && !seen.has(urlKey(redirect))) {
        queue.unshift(redirect);
        continue;
      }
      this.listPagesRead++;
      const page = readListPage(html, res.url, { subject: this.subject, selectors: this.source.selectors });
      for (const c of page.candidates) if (!candidates.has(urlKey(c.url))) candidates.set(urlKey(c.url), { ...c, referrer: res.url });
      for (const r of page.rejected) {
        if (rejected.has(urlKey(r.url)) || candidates.has(urlKey(r.url))) continue;
        rejected.add(urlKey(r.url));
        await this.outcome({ kind: "excluded", code: "not_a_report", url: r.url, reason: r.why });
      }
      queue.push(...page.next);
    }
    return candidates;
  }

  /** Pages a sitemap lists under a start URL's folder that no list page linked: judged by their own title. */
  private async sitemaps(candidates: Map<string, Visit>): Promise<void> {
    const folders = this.source.start_urls.map((u) => urlKey(new URL(".", u).href));
    const under = (url: string) => folders.some((f) => urlKey(url).startsWith(f));
    const queue = [...new Set((await Promise.all(this.source.start_urls.map((u) => this.fetcher.robots(u)))).flatMap((r) => r.sitemaps))];
    for (let read = 0; queue.length && read < MAX_SITEMAPS && !this.aborted; read++) {
      const url = queue.shift()!;
      const res = await this.fetcher.get(url);
      if (res.kind !== "ok") {
        if (res.kind === "failed") await this.outcome(res);
        continue;
      }
      const { pages, sitemaps } = sitemapLocations(res.body.toString("utf8"));
      queue.push(...sitemaps);
      for (const page of pages) {
        const key = urlKey(page);
        if (under(page) && !candidates.has(key) && !folders.includes(key) && !this.listed.has(key))
          candidates.set(key, { url: page, title: "", date: null, verdict: "maybe", referrer: url });
      }
    }
  }

  private remembered(known: UrlState | undefined): { code: string; reason: string } | null {
    if (!known) return null;
    const age = Date.now() - Date.parse(known.checked_at);
    if (known.kind === "not_report" && age < REMEMBER_NOT_REPORT_MS) return { code: "not_a_report", reason: "judged not a report by its title before" };
    if (known.kind === "gone" && age < REMEMBER_GONE_MS) return { code: "gone", reason: "answered 404/410 before" };
    return null;
  }

  private async visit(c: Visit, depth = 0): Promise<void> {
    const known = this.d.state.get(c.url);
    const remembered = this.remembered(known);
    if (remembered) return this.outcome({ kind: "excluded", url: c.url, ...remembered });
    if (known && this.d.resumeRunId && known.run_id === this.d.resumeRunId) return this.outcome({ kind: "not_modified", code: "resumed", url: c.url });

    const res = await this.fetcher.get(
      c.url,
      known?.kind === "report" || known?.kind === "wrapper" ? { etag: known.etag, lastModified: known.last_modified } : {},
    );
    if (res.kind !== "ok") {
      if (res.kind === "failed" && (res.code === "http_404" || res.code === "http_410")) await this.commit(c.url, { kind: "gone" });
      return this.outcome(res);
    }
    const fetched = () => this.outcome({ kind: "fetched", code: "ok", url: res.url });
    const unchanged = () => this.outcome({ kind: "not_modified", code: "same_content", url: res.url });

    const validators = { etag: res.headers.etag ?? null, last_modified: res.headers["last-modified"] ?? null };
    const contentType = res.headers["content-type"] ?? "";
    if (isHtml(contentType, res.body)) {
      if (depth > 0)
        return this.outcome({ kind: "excluded", code: "not_a_document", url: res.url, reason: `${res.url}: an attachment link that leads to a web page` });
      const article = readArticle(res.body, contentType, this.source.selectors, c.title || null);
      const html = decodeHtml(res.body, contentType);
      if (c.verdict === "maybe" && readListPage(html, res.url, { subject: this.subject }).candidates.length >= 3) {
        await this.commit(c.url, { kind: "not_report", ...validators });
        return this.outcome({ kind: "excluded", code: "not_a_report", url: res.url, reason: `${res.url}: a list of reports, not one` });
      }
      const own = judgeTitle(article.title ?? "", this.subject);
      // a page's own title overrules its list entry only when it says what else it is (a notice, a meeting)
      const notReport = c.verdict === "maybe" ? own.kind !== "report" : own.kind === "not_report" && (own.code === "about_reports" || own.code === "wrong_end");
      if (notReport) {
        await this.commit(c.url, { kind: "not_report", ...validators });
        return this.outcome({
          kind: "excluded",
          code: "not_a_report",
          url: res.url,
          reason: `${res.url}: ${own.kind === "not_report" ? own.why : `its title is not a report's: ${article.title}`}`,
        });
      }
      const files = article.text.replace(/\s+/g, "").length < WRAPPER_CHARS ? attachmentLinks(html, res.url) : [];
      if (files.length) {
        await fetched();
        const wrapper = { title: article.title ?? (c.title || null), published_date: article.published_date ?? c.date };
        const before = this.tally.counts.failed;
        for (const f of files)
          if (!this.aborted) await this.visit({ ...f, verdict: "report", date: f.date ?? wrapper.published_date, referrer: res.url, wrapper }, depth + 1);
        // an attachment that failed is tried again next run: the wrapper stays uncommitted
        if (this.tally.counts.failed === before && !this.aborted)
          await this.commit(c.url, { kind: "wrapper", fingerprint: article.fingerprint, ...validators });
        return;
      }
      if (known?.fingerprint === article.fingerprint) {
        await this.commit(c.url, { kind: "report", fingerprint: article.fingerprint, landing_key: known.landing_key, ...validators });
        return unchanged();
      }
      await fetched();
      return this.land(
        c,
        res.url,
        { bytes: article.payload.bytes, contentType: article.payload.contentType, fileName: fileNameOf(res.url, res.headers) },
        { title: article.title ?? (c.title || null), published_date: article.published_date ?? c.date },
        article.fingerprint,
        validators,
      );
    }
    const fingerprint = sha256(res.body);
    if (known?.fingerprint === fingerprint) {
      await this.commit(c.url, { kind: "report", fingerprint, landing_key: known.landing_key, ...validators });
      return unchanged();
    }
    await fetched();
    const fileName = fileNameOf(res.url, res.headers);
    const named = cleanTitle(c.title);
    const title = judgeTitle(named, this.subject).kind === "report" ? named : (c.wrapper?.title ?? (named || null));
    await this.land(
      c,
      res.url,
      {
        bytes: res.body,
        contentType: GENERIC_TYPES.test(contentType.split(";")[0]!.trim()) ? (contentTypeFor(fileName) ?? contentType) : contentType,
        fileName,
      },
      { title, published_date: c.wrapper?.published_date ?? c.date },
      fingerprint,
      validators,
    );
  }

  /** Land, announce, then commit the URL: the order that makes a kill at any point safe. */
  private async land(
    c: Visit,
    url: string,
    file: { bytes: Uint8Array; contentType: string; fileName: string },
    about: { title: string | null; published_date: string | null },
    fingerprint: string,
    validators: { etag: string | null; last_modified: string | null },
  ): Promise<void> {
    const { raw } = await landPayload(this.d.landing, {
      bytes: file.bytes,
      source: this.source.id,
      source_url: url,
      file_name: file.fileName,
      content_type: file.contentType || "application/octet-stream",
      hints: { ...about, site_host: new URL(url).host, referrer: c.referrer, link_text: c.title || null },
    });
    await this.d.outlet.announce(raw);
    await this.commit(c.url, { kind: "report", fingerprint, landing_key: raw.landing_key, ...validators });
    this.tally.counts.new++;
  }

  private commit(url: string, s: Partial<UrlState> & Pick<UrlState, "kind">): Promise<void> {
    return this.d.state.commit({
      url,
      etag: null,
      last_modified: null,
      fingerprint: null,
      landing_key: null,
      ...s,
      checked_at: new Date().toISOString(),
      run_id: this.run.run_id,
    });
  }
}
