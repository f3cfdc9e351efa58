// Report metadata: the issuing organisation (from the title, the signature and the page), its region
// from the gazetteer, the year reported on and the publication date. A masked or unresolvable place
// gives null region fields: a wrong province on a dashboard is worse than a missing one.
import type { ReportMetadata } from "../../../schemas/messages.ts";
import { leadingPlaceNames, regionsNamed, within, type Region } from "../../../schemas/gazetteer.ts";
import { chineseNumeral } from "./numerals.ts";
import type { ExtractInput } from "./index.ts";

const ORG_SUFFIX = "(?:委员会|委|局|厅|办公室|办|政府|中心|院|所|署|处|馆|站|队)";
const ORG_LINE = new RegExp(`^[\\u4e00-\\u9fa5（）()]{3,40}${ORG_SUFFIX}$`);
const TITLE_ORG = new RegExp(`^(?:关于)?(?:(?:\\d{4}|[二〇一二三四五六七八九零]{4})年度?)?([\\u4e00-\\u9fa5（）()*＊]{2,40}?${ORG_SUFFIX})(?=关于|\\d{4}|[二〇一零]{4}|年度|全面|法治|依法|政府信息)`);
const YEAR = /(\d{4}|[二〇一二三四五六七八九零]{4})\s*年/;
const DATE = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日/;
const MASKED_PLACE = /[*＊×X]{1,4}[省市县区州]/;
const LEVEL_CUES: Array<[RegExp, NonNullable<ReportMetadata["admin_level"]>]> = [
  [/依法治省|省委|省政府|省直|全省|各市/g, "province"],
  [/依法治市|市委|市政府|市直|全市|县区|县\(市、区\)|县（市、区）/g, "prefecture"],
  [/依法治县|依法治区|县委|县政府|县直|区委|区政府|全县|全区|乡镇|街道/g, "county"],
];

/** With no region to go by, the level whose institutions the report names most often. */
function levelFromText(text: string): ReportMetadata["admin_level"] {
  const scored = LEVEL_CUES.map(([re, level]) => ({ level, n: text.match(re)?.length ?? 0 })).sort((a, b) => b.n - a.n);
  return scored[0]!.n > 0 ? scored[0]!.level : null;
}

const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : chineseNumeral(s) ?? NaN);

function yearOf(s: string): number | null {
  const m = YEAR.exec(s);
  if (!m) return null;
  const y = /^\d+$/.test(m[1]!) ? Number(m[1]) : Number([...m[1]!].map((c) => chineseNumeral(c === "〇" || c === "零" ? "零" : c) ?? 0).join(""));
  return y >= 1990 && y <= 2100 ? y : null;
}

function dateOf(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const y = yearOf(`${m[1]}年`);
  const [mo, d] = [num(m[2]!), num(m[3]!)];
  if (!y || !(mo >= 1 && mo <= 12) || !(d >= 1 && d <= 31)) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const tailLines = (text: string) => text.trim().split("\n").slice(-4).map((l) => l.trim()).filter(Boolean);

function signature(text: string): { org: string | null; date: string | null } {
  const lines = tailLines(text);
  const org = [...lines].reverse().find((l) => ORG_LINE.test(l)) ?? null;
  const dateLine = [...lines].reverse().find((l) => l.length < 24 && DATE.test(l));
  return { org, date: dateLine ? dateOf(dateLine) : null };
}

/** The places an organisation's name starts with, resolved to one region (or none when ambiguous). */
function regionOf(org: string, text: string): Region | null {
  let region: Region | null = null;
  for (const name of leadingPlaceNames(org)) {
    const candidates = regionsNamed(name).filter((r) => !region || within(r, region));
    if (candidates.length === 1) region = candidates[0]!;
    else if (candidates.length > 1) {
      const named = candidates.filter((r) => mentionsParent(r, text));
      if (named.length !== 1) return null;
      region = named[0]!;
    }
  }
  return region;
}

/** Whether the text names the prefecture or province around a region ("深圳" for 南山区 in 深圳市). */
function mentionsParent(r: Region, text: string): boolean {
  const parents = [r.city, r.province].filter((p): p is string => Boolean(p) && p !== r.name);
  return parents.some((p) => text.includes(p) || text.includes(p.replace(/(?:省|市|自治区|自治州)$/, "")));
}

/** Of the names the report gives itself, the most complete one: 黑龙江省卫生健康委员会 over 黑龙江省卫生健康委. */
function pickOrg(candidates: Array<string | null>): string | null {
  const orgs = candidates.filter((c): c is string => Boolean(c) && !MASKED_PLACE.test(c!) && leadingPlaceNames(c!).length > 0);
  const first = orgs[0];
  if (!first) return null;
  const related = orgs.filter((o) => o.startsWith(first) || first.startsWith(o) || o.endsWith(first) || first.endsWith(o));
  return related.reduce((a, b) => (b.length > a.length ? b : a));
}

export function extractMetadata(input: ExtractInput): ReportMetadata {
  const { text, page } = input;
  const title = page.title ?? "";
  const sig = signature(text);
  const titleOrg = TITLE_ORG.exec(title)?.[1] ?? null;
  const org = pickOrg([titleOrg, sig.org, page.org]);
  const region = org ? regionOf(org, `${title}\n${text}`) : null;
  const opening = text.slice(0, 400);
  return {
    org_name: region ? org : null,
    province: region?.province ?? null,
    city: region?.city ?? null,
    county: region?.county ?? null,
    admin_level: region?.level ?? levelFromText(text),
    region_code: region?.code ?? null,
    report_year: yearOf(title) ?? yearOf(opening),
    published_date: page.published_date ?? sig.date,
  };
}
