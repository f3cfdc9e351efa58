// The issuing organisation as the report prints it: in its title, in the signature at the end (an org
// line and a date line, or both on one), on the page (信息来源/版权所有, 发布机构/发文机关 fields), or,
// for an excerpt with none of these, where the body names itself (结合来宾市卫生健康委员会政府信息公开工作
// 实际, 现将新乐市交通运输局…报告如下, 我委); the most complete form wins.
import { DATE_SRC, dateIn } from "./reportDates.ts";
import { leadingPlaceNames } from "../../../schemas/regions.ts";
import { placeNamesOf } from "./orgRegion.ts";
import { lastLines } from "./textLines.ts";

const ORG_SUFFIX = "(?:委员会|委会|委|局|厅|办公室|办|政府|中心|院|所|署|处|馆|站|队|部|联合会)";
const MASK = "*＊×XxＸ○□某";
const ORG = `[\\u4e00-\\u9fa5（）()${MASK}]{2,40}?${ORG_SUFFIX}`;
const YEAR_LEAD = "(?:(?:\\d{4}|[〇零一二三四五六七八九]{4})年度?)";
const TITLE_ORG = new RegExp(`^(?:关于)?${YEAR_LEAD}?(${ORG})(?=关于|${YEAR_LEAD}|年度|上半年|全面|法治|依法|政府信息|工作)`);
const SIGN_LINE = new RegExp(`^(${ORG})?(?:[（(](?:盖章|印章)[）)])?(${DATE_SRC})?$`);
const MASKED_PLACE = new RegExp(`[${MASK}]{1,4}[省市县区州旗镇]`);
/** Organisations named without a place that are still one organisation: national bodies. */
const NATIONAL = /^(?:国家|国务院|中华人民共和国|中国|最高人民)/;

const compact = (s: string) => s.replace(/\s+/g, "");
/** wider than any org and date line, even spaced out (遂 昌 县 自 然 资 源 和 规 划 局) */
const SIGNATURE_WIDTH = 80;

export function titleOrg(title: string): string | null {
  return TITLE_ORG.exec(compact(title))?.[1] ?? null;
}

export interface Signature {
  org: string | null;
  date: string | null;
}

/** The org and date lines at the end: the last date line and an org line just above it (or on it). */
export function signature(text: string): Signature {
  // a signature line is short: a paragraph's last line is left as it is, never a signature
  const lines = lastLines(text, 12, (line) => (line.length > SIGNATURE_WIDTH ? line : compact(line)));
  const parsed = lines.map((l) => SIGN_LINE.exec(l)).map((m) => (m && (m[1] || m[2]) ? { org: m[1] ?? null, date: m[2] ? dateIn(m[2]) : null } : null));
  const dateAt = parsed.findLastIndex((p) => p?.date);
  const orgFrom = dateAt >= 0 ? Math.max(0, dateAt - 3) : Math.max(0, parsed.length - 3);
  const orgLine = parsed.slice(orgFrom, dateAt >= 0 ? dateAt + 1 : undefined).findLast((p) => p?.org);
  return { org: orgLine?.org ?? null, date: dateAt >= 0 ? parsed[dateAt]!.date : null };
}

export const isMasked = (org: string) => MASKED_PLACE.test(org);

/** A place or a national body: a bare 卫生健康局 could be any of thousands. */
const identifies = (org: string) => placeNamesOf(org).length > 0 || NATIONAL.test(org);

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * Whether one name is a shortened form of the other: 南山区卫生健康局 of 深圳市南山区卫生健康局, 东阳市卫健局 of
 * 东阳市卫生健康局, 黑龙江省卫生健康委 of 黑龙江省卫生健康委员会; not X of X办公室, which is X's office.
 */
function sameOrg(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return (
    long.endsWith(short) || (long.startsWith(short) && /^员?会$/.test(long.slice(short.length))) || (short.at(-1) === long.at(-1) && isSubsequence(short, long))
  );
}

/**
 * Of the names in order of trust, the first that identifies an organisation, in its most complete form
 * (黑龙江省卫生健康委员会 over the title's 黑龙江省卫生健康委).
 */
export function pickOrg(candidates: Array<string | null>): string | null {
  const names = candidates.filter((c): c is string => Boolean(c));
  const first = names.find(identifies);
  if (!first) return null;
  return names.filter((n) => sameOrg(n, first)).reduce((a, b) => (b.length > a.length ? b : a));
}

/** A field a government page prints around a report: 发布机构：X, 发文机关：X, 来源：X. */
const FIELD_ORG = new RegExp(`(?:发布机构|发文机关|发文单位|发布单位|信息来源|来源)\\s*[:：]\\s*(${ORG})(?![\\u4e00-\\u9fa5])`, "g");

/** The organisations named in the page fields at the head (first 3,000 characters) and foot (last 300) of the text. */
export function fieldOrgs(text: string): string[] {
  const ends = text.length > 3300 ? [text.slice(0, 3000), text.slice(-300)] : [text];
  return ends.flatMap((part) => [...part.matchAll(FIELD_ORG)].map((m) => m[1]!));
}

/** A title's words before the organisation: a field label (标题：) a page printed with it. */
export const TITLE_LABEL = /^(?:标\s*题|题\s*目|文件名称|名\s*称)\s*[:：]\s*/;

const OPENING = 1500;
const SUFFIX_AT = new RegExp(ORG_SUFFIX, "y");
const HAN = /[\u4e00-\u9fa5]/;
/** Words around a name that make it the report's own: 结合X工作实际, 现将X…报告如下, X编制, 2023年，X坚持… */
const OWN_BEFORE = /(?:结合|现将|本报告由|由|请与|请联系|联系|(?:^|[。；;\n])\s*(?:\d{4}年度?[，,]?)?)$/;
const OWN_AFTER = /^(?:政府信息公开|信息公开|政务公开|工作实际|实际|编制|20\d\d年|坚持|高度重视|认真|深入|全面|始终|紧紧|积极|切实|严格|以习近平|办公室)/;
/** words before a superior body's name: 根据XX市政府信息公开工作要求 */
const OTHERS_BEFORE = /(?:根据|按照|依据|遵照|落实|贯彻|在)$/;
/** The body's word for itself: 我局, 我委, 本厅 */
const SELF = /[我本](局|委|厅|办|中心|院|署|馆|站|队|部)/;
/** an organisation's own words after its place: 公安局, 卫健委, 人民政府 (市委, 县政府 are the place's leadership) */
const MIN_OWN_WORDS = 3;

/** The organisations the opening names: places (深圳市南山区), then words to the first org suffix, outside 《》 and quotes. */
function namedInOpening(opening: string): Array<{ name: string; at: number }> {
  const out: Array<{ name: string; at: number }> = [];
  let quoted = 0;
  for (let at = 0; at < opening.length; at++) {
    const c = opening[at]!;
    if (c === "《" || c === "“") quoted++;
    else if ((c === "》" || c === "”") && quoted > 0) quoted--;
    if (quoted > 0 || !HAN.test(c)) continue;
    const place = leadingPlaceNames(opening.slice(at, at + 24)).join("");
    if (!place) continue;
    const own = at + place.length;
    for (let end = own; end < own + 20 && HAN.test(opening[end] ?? ""); end++) {
      SUFFIX_AT.lastIndex = end;
      const suffix = SUFFIX_AT.exec(opening);
      if (!suffix) continue;
      if (end + suffix[0].length - own >= MIN_OWN_WORDS) out.push({ name: opening.slice(at, end + suffix[0].length), at });
      break;
    }
    at = own - 1;
  }
  return out;
}

/**
 * The organisation an excerpt names as its own, when it has no title or signature: the first name in its
 * opening that stands in words only the report's author uses of itself; else, when the body calls itself
 * 我局 (or 我委…), the first name of that kind. None otherwise: a superior body's name is no guess.
 */
export function bodyOrg(text: string): string | null {
  const opening = text.slice(0, OPENING);
  const named = namedInOpening(opening).filter(({ at }) => !OTHERS_BEFORE.test(opening.slice(Math.max(0, at - 4), at).replace(/[《“]/g, "")));
  const own = named.find(({ name, at }) => OWN_BEFORE.test(opening.slice(Math.max(0, at - 12), at)) || OWN_AFTER.test(opening.slice(at + name.length)));
  if (own) return own.name;
  const self = SELF.exec(opening)?.[1];
  return (self && named.find(({ name }) => name.endsWith(self) || (self === "委" && name.endsWith("委员会")))?.name) || null;
}

/** The words a place's government goes by, fullest first; 政府 alone not where it begins 政府信息公开. */
const GOVERNMENT = ["人民政府", "管理委员会", "管委会", "政府(?!信息|网站|门户|工作|部门|采购|投资|债务|购买)"];

/** The government of a place a title gives alone (平潭综合实验区 → 平潭综合实验区管委会), as the text prints it. */
export function placeGovernment(place: string, text: string): string | null {
  const head = text.slice(0, 20000);
  for (const words of GOVERNMENT) {
    const m = new RegExp(`${place}(${words})`).exec(head);
    if (m) return place + m[1];
  }
  return null;
}
