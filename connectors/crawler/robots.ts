// robots.txt as RFC 9309 has it: a 2xx file is parsed (its first 500 KiB); "unavailable" (4xx) means no
// rules; "unreachable" (5xx, or no answer) means complete disallow. Crawl-delay and Sitemap lines are read too.
import { createRequire } from "node:module";

interface Parsed {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS whose module.exports is the parser itself
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, robotstxt: string) => Parsed;

/** The product token robots.txt groups are matched against. */
const ROBOTS_AGENT = "govkpi";
const PARSE_LIMIT = 500 * 1024;

export interface Robots {
  /** null when the URL may be fetched, else why not */
  refusal(url: string): string | null;
  /** seconds between requests the site asks for */
  crawlDelay: number | null;
  sitemaps: string[];
  /** the server did not answer for robots.txt: everything is refused, and asked again sooner */
  unreachable: boolean;
}

function robotsFromFile(robotsUrl: string, text: string): Robots {
  const parsed = robotsParser(robotsUrl, text.slice(0, PARSE_LIMIT));
  const delay = parsed.getCrawlDelay(ROBOTS_AGENT);
  return {
    refusal: (url) => (parsed.isAllowed(url, ROBOTS_AGENT) === false ? `robots.txt disallows ${new URL(url).pathname}` : null),
    crawlDelay: delay !== undefined && Number.isFinite(delay) && delay > 0 ? delay : null,
    sitemaps: parsed.getSitemaps(),
    unreachable: false,
  };
}

/** 4xx: "the crawler MAY access any resources on the server" (RFC 9309 §2.3.1.3). */
const noRobots: Robots = { refusal: () => null, crawlDelay: null, sitemaps: [], unreachable: false };

/** 5xx or no answer: "the crawler MUST assume complete disallow" (RFC 9309 §2.3.1.4). */
const unreachableRobots = (why: string): Robots => ({
  refusal: () => `robots.txt unreachable (${why}): crawling disallowed until it answers (RFC 9309)`,
  crawlDelay: null,
  sitemaps: [],
  unreachable: true,
});

/** The robots.txt that stands for the answer to GET /robots.txt (redirects already followed). */
export function robotsFromAnswer(robotsUrl: string, answer: { status: number; body: Buffer } | { error: string }): Robots {
  if ("error" in answer) return unreachableRobots(answer.error);
  if (answer.status >= 200 && answer.status < 300) return robotsFromFile(robotsUrl, answer.body.toString("utf8"));
  // 429 is the server asking us to slow down, not a statement about robots: treat it as unreachable
  if (answer.status >= 500 || answer.status === 429) return unreachableRobots(`HTTP ${answer.status}`);
  return noRobots;
}
