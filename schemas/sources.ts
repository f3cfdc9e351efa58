// The source registry (sources.yaml): which department columns to crawl, from which hosts, how often and
// how politely. Unknown keys and bad values are errors that name the source and the key.
import * as cheerio from "cheerio";
import { validate as isCron } from "node-cron";
import { parse } from "yaml";
import { z } from "zod";

const validRegex = (s: string) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
};

const validSelector = (s: string) => {
  try {
    cheerio.load("")(s);
    return true;
  } catch {
    return false;
  }
};
const selector = z.string().min(1).refine(validSelector, "not a CSS selector");

/** A host as allow_hosts and politeness see it: lower case, no trailing dot, no leading www. (the same
 * site under its two usual names), the port kept when it is not the default. */
export const foldHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^www\./, "");

/** For columns the heuristics misread: CSS selectors for the list entries, an entry's title, the
 * article's body and its 发布时间. */
export const Selectors = z
  .object({
    /** each list entry: a link, or an element holding the entry's link */
    list: selector.optional(),
    /** inside an entry, the element whose text is the title (default: the link's title or text) */
    title: selector.optional(),
    /** the article's content: only this part of the page is landed */
    body: selector.optional(),
    /** the element holding the article's date */
    date: selector.optional(),
  })
  .strict();
export type Selectors = z.infer<typeof Selectors>;

export const Source = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, - and _"),
    start_urls: z.array(z.string().url()).min(1),
    allow_hosts: z.array(z.string().min(1)).min(1),
    schedule: z.string().refine((s) => isCron(s), "not a cron expression"),
    title_pattern: z.string().refine(validRegex, "not a regular expression").optional(),
    max_pages: z.number().int().positive().default(20),
    rate_per_minute: z.number().positive().max(6000).default(30),
    /** the whole request, headers and body: a server dripping bytes cannot hold a crawl longer */
    timeout_seconds: z.number().positive().max(300).default(20),
    max_bytes: z
      .number()
      .int()
      .positive()
      .default(30 * 1024 * 1024),
    /** a 429/503 asking to come back later than this gives up on the URL for this run */
    max_retry_after_seconds: z.number().nonnegative().max(3600).default(120),
    /** read the sitemaps robots.txt lists, for reports under a start URL's folder that no list page links */
    sitemaps: z.boolean().default(true),
    selectors: Selectors.optional(),
  })
  .strict()
  .refine((s) => s.start_urls.every((u) => s.allow_hosts.map(foldHost).includes(foldHost(new URL(u).host))), {
    message: "every start URL's host must be in allow_hosts",
    path: ["start_urls"],
  });
export type Source = z.infer<typeof Source>;

const SourcesFile = z.object({ sources: z.array(z.unknown()).min(1) }).strict();

class SourcesError extends Error {
  override name = "SourcesError";
}

/** Parses and checks a sources.yaml text; every problem is reported as `source ID: key: message`. */
export function parseSources(text: string): Source[] {
  const file = SourcesFile.safeParse(parse(text));
  if (!file.success) throw new SourcesError(file.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("\n"));
  const problems: string[] = [];
  const sources: Source[] = [];
  file.data.sources.forEach((entry, n) => {
    const id = (entry as { id?: unknown })?.id;
    const parsed = Source.safeParse(entry);
    if (parsed.success) sources.push(parsed.data);
    else
      for (const i of parsed.error.issues) problems.push(`source ${typeof id === "string" ? id : `#${n + 1}`}: ${i.path.join(".") || "(entry)"}: ${i.message}`);
  });
  const ids = sources.map((s) => s.id);
  for (const dup of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`source ${dup}: id: used twice`);
  if (problems.length) throw new SourcesError(problems.join("\n"));
  return sources;
}
