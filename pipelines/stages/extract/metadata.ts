// Report metadata: the issuing organisation (title, signature, page, body), its region from the gazetteer,
// the year reported on and the publication date (the page's 发布时间, as a hint or in the text's head,
// else the signing date). A masked or unresolvable place gives null region fields: a wrong province on a
// dashboard is worse than a missing one.
import type { ReportMetadata } from "../../../schemas/messages.ts";
import type { ExtractInput } from "./index.ts";
import { bodyOrg, fieldOrgs, isMasked, pickOrg, placeGovernment, signature, type Signature, TITLE_LABEL, titleOrg } from "./orgName.ts";
import { levelOf, placeNamesOf, regionOf } from "./orgRegion.ts";
import { publishedIn, reportYear } from "./reportDates.ts";
import { firstLines } from "./textLines.ts";

type AdminLevel = NonNullable<ReportMetadata["admin_level"]>;

const LEVEL_CUES: Array<[string[], AdminLevel]> = [
  [["依法治省", "省委", "省政府", "省直", "全省", "各市"], "province"],
  [["依法治市", "市委", "市政府", "市直", "全市", "县区", "县(市、区)", "县（市、区）"], "prefecture"],
  [["依法治县", "依法治区", "县委", "县政府", "县直", "区委", "区政府", "全县", "全区", "乡镇", "街道"], "county"],
];

/** How often `word` occurs in `text` (indexOf finds a literal far faster than a regex alternation of Chinese words). */
function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

/** With no region to go by, the level whose institutions the report names most often. */
function levelFromText(text: string): AdminLevel | null {
  const scored = LEVEL_CUES.map(([words, level]) => ({ level, n: words.reduce((sum, w) => sum + occurrences(text, w), 0) })).sort((a, b) => b.n - a.n);
  return scored[0]!.n > 0 ? scored[0]!.level : null;
}

/**
 * The title as the page gave it, and the first two lines joined, for a title a PDF wrapped
 * (东阳市卫生健康局关于2022年法治政府 / 建设工作情况的报告).
 */
function titlesOf(input: ExtractInput): string[] {
  const head = firstLines(input.text, 2).join("");
  return [input.page.title ?? "", head].map((t) => t.replace(TITLE_LABEL, "")).filter((t) => t.length > 0 && t.length <= 120);
}

/**
 * The organisation the report names, in order of trust: its title, its signature, the page, the page's
 * fields, the name the body gives itself. A title that names a place alone (平潭综合实验区2021年度政府
 * 信息公开工作年度报告) is that place's government's report, as the text prints its name, whatever office
 * or host published the page.
 */
function orgOf(input: ExtractInput, titles: string[], sig: Signature, fields: string[]): string | null {
  const fromTitle = titles.map(titleOrg);
  const place = fromTitle.some(Boolean) ? "" : placeNamesOf(titles[0] ?? "").join("");
  const government = place && titles[0]!.startsWith(place) ? placeGovernment(place, input.text) : null;
  return pickOrg([government, ...fromTitle, sig.org, input.page.org, ...fields]) ?? bodyOrg(input.text);
}

export function extractMetadata(input: ExtractInput): ReportMetadata {
  const { text, page, site_host } = input;
  const titles = titlesOf(input);
  const sig = signature(text);
  const fields = fieldOrgs(text);
  const masked = [...titles, sig.org ?? "", page.org ?? "", ...fields].some(isMasked);
  const org = masked ? null : orgOf(input, titles, sig, fields);
  // Without an organisation, a title that opens with a place still places the report (浦江县2021年度…报告).
  const places = masked ? [] : placeNamesOf(org ?? titles[0] ?? "");
  const region = places.length ? regionOf(places, { text: titles.concat(text).join("\n"), site_host }) : null;
  return {
    org_name: org,
    province: region?.province ?? null,
    city: region?.city ?? null,
    county: region?.county ?? null,
    admin_level: region?.level ?? levelOf(places) ?? levelFromText(text),
    region_code: region?.code ?? null,
    report_year: reportYear(titles, text.slice(0, 400)),
    published_date: page.published_date ?? publishedIn(text.slice(0, 1500)) ?? sig.date,
  };
}
