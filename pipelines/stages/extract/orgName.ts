// The issuing organisation as the report prints it: in its title, in the signature at the end (an org
// line and a date line, or both on one), and on the page (信息来源/版权所有); the most complete form wins.
import { DATE_SRC, dateIn } from "./reportDates.ts";
import { placeNamesOf } from "./orgRegion.ts";
import { lastLines } from "./textLines.ts";

const ORG_SUFFIX = "(?:委员会|委|局|厅|办公室|办|政府|中心|院|所|署|处|馆|站|队|部|联合会)";
const MASK = "*＊×XxＸ○□某";
const ORG = `[\\u4e00-\\u9fa5（）()${MASK}]{2,40}?${ORG_SUFFIX}`;
const YEAR_LEAD = "(?:(?:\\d{4}|[〇零一二三四五六七八九]{4})年度?)";
const TITLE_ORG = new RegExp(`^(?:关于)?${YEAR_LEAD}?(${ORG})(?=关于|${YEAR_LEAD}|年度|上半年|全面|法治|依法|政府信息|工作)`);
const SIGN_LINE = new RegExp(`^(${ORG})?(?:[（(](?:盖章|印章)[）)])?(${DATE_SRC})?$`);
const MASKED_PLACE = new RegExp(`[${MASK}]{1,4}[省市县区州旗镇]`);
/** Organisations named without a place that are still one organisation: national bodies. */
const NATIONAL = /^(?:国家|国务院|中华人民共和国|中国|最高人民)/;

const compact = (s: string) => s.replace(/\s+/g, "");

export function titleOrg(title: string): string | null {
  return TITLE_ORG.exec(compact(title))?.[1] ?? null;
}

export interface Signature {
  org: string | null;
  date: string | null;
}

/** The org and date lines at the end: the last date line and an org line just above it (or on it). */
export function signature(text: string): Signature {
  const lines = lastLines(text, 12, compact);
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

/** Whether one name is a shortened form of the other: 南山区卫生健康局 of 深圳市南山区卫生健康局, 东阳市卫健局 of 东阳市卫生健康局. */
function sameOrg(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.includes(short) || (short.at(-1) === long.at(-1) && isSubsequence(short, long));
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
