// The number grammar of Chinese reports: Arabic (1,461 / １４６１ / 126.27万 / 5.15亿), Chinese
// (一千四百六十一, 两万, 十二, 百分之九十, 九成), qualifiers (余/多/约/左右/近, 以上/超过/逾, 以内/以下/不到)
// and masked figures (**件, ***宗, X件). Words that only sound like numbers (数十, 若干, 百余) are no value.
import type { Approx } from "../../../schemas/messages.ts";

export interface NumberToken {
  /** the value with 万/亿 applied; null when masked */
  value: number | null;
  redacted: boolean;
  approx: Approx;
  percent: boolean;
  /** span in the text, qualifiers included */
  start: number;
  end: number;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Digits and 十/百/千 below 万: 四百六十一 → 461, 十二 → 12, 三千零八 → 3008. */
function section(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c]!;
    else if (c in SMALL_UNITS) {
      total += (digit ?? 1) * SMALL_UNITS[c]!;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

/** 一千四百六十一 → 1461, 两万 → 20000, 一亿二千万 → 120000000, 二〇二二 → 2022; null when not a numeral. */
export function chineseNumeral(s: string): number | null {
  if (!s) return null;
  if (s.length > 1 && [...s].every((c) => c in DIGITS)) return Number([...s].map((c) => DIGITS[c]).join(""));
  const [yi, rest] = s.includes("亿") ? [s.slice(0, s.indexOf("亿")), s.slice(s.indexOf("亿") + 1)] : ["", s];
  const [wan, low] = rest.includes("万") ? [rest.slice(0, rest.indexOf("万")), rest.slice(rest.indexOf("万") + 1)] : ["", rest];
  const parts = [yi, wan, low].map((p, i) => (p === "" ? ((i === 0 && s.includes("亿")) || (i === 1 && rest.includes("万")) ? 1 : 0) : section(p)));
  if (parts.some((p) => p === null)) return null;
  const [y, w, l] = parts as number[];
  return y! * 1e8 + w! * 1e4 + l!;
}

const toAscii = (s: string) => s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const PREFIX = "(约|近|将近|大约|接近|超过|逾|超|不到|不足|不超过|低于|高于)?";
const ARABIC = "[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?";
const CHINESE = "[零〇一二两三四五六七八九十百千万亿]+";
const MASK = "[*＊]+|[X×]{1,4}(?=[件宗起次家项个份条封批人期户例])";

/** One pass over the text finds every figure; the groups say which form it took. */
const NUMBER = new RegExp(
  `${PREFIX}(?:百分之(${CHINESE}|${ARABIC})|(${ARABIC})\\s*([万亿])?|(${CHINESE})|(${MASK}))(余|多)?([万亿])?(余|多)?(成(?![员本果效绩立功]))?([%％])?(以上|以下|以内|左右|之上)?`,
  "g",
);

const APPROX_PREFIX: Record<string, Approx> = {
  约: "approx", 近: "approx", 将近: "approx", 大约: "approx", 接近: "approx",
  超过: "at_least", 逾: "at_least", 超: "at_least", 高于: "at_least",
  不到: "at_most", 不足: "at_most", 不超过: "at_most", 低于: "at_most",
};
const APPROX_SUFFIX: Record<string, Approx> = { 以上: "at_least", 之上: "at_least", 以下: "at_most", 以内: "at_most", 左右: "approx" };

/** What may follow a bare Chinese numeral for it to count as a figure rather than a word (一是, 十九大). */
const CHINESE_NEEDS = /^(?:[件宗起次家项个份条封批人期户例名所篇场张台套间%％]|个工作日|工作日|天|万?元|亿元)/;

export function findNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [all, prefix, pctOf, arabic, arabicBig, chinese, mask, more1, big, more2, cheng, pct, suffix] = m;
    if (!all) continue;
    const start = m.index!;
    const end = start + all.length;
    const before = text[start - 1] ?? "";
    const after = text.slice(end, end + 4);
    const more = more1 ?? more2;
    let value: number | null = null;
    if (pctOf) value = /[0-9０-９]/.test(pctOf) ? Number(toAscii(pctOf)) : chineseNumeral(pctOf);
    else if (arabic) {
      if (/[0-9０-９A-Za-z.．]/.test(before)) continue;
      // a service hotline's number (12345热线, 12320工单) names a channel, not a figure
      if (/^123\d\d$/.test(arabic) && !/^[件宗起次家项个份条封批人%％万]/.test(after)) continue;
      value = Number(toAscii(arabic).replace(/,/g, ""));
    } else if (chinese) {
      // 数十, 若干, 百余, 二十余: words that name no figure
      // a lone 一 is an article more often than a count (一件事, 一次性, 一张网)
      if (/[数若几上第周星礼]/.test(before) || more || /^[十百千万亿]+$/.test(chinese) || chinese === "一") continue;
      if (!cheng && !pct && !CHINESE_NEEDS.test(after)) continue;
      value = chineseNumeral(chinese);
      if (value === null) continue;
    } else if (!mask) continue;
    const multiplier = (BIG_UNITS[arabicBig ?? ""] ?? 1) * (BIG_UNITS[big ?? ""] ?? 1);
    if (value !== null) value = Math.round(value * multiplier * 1e6) / 1e6;
    if (cheng && value !== null) value *= 10;
    let approx: Approx = "exact";
    if (prefix && APPROX_PREFIX[prefix]) approx = APPROX_PREFIX[prefix]!;
    if (more) approx = "approx";
    if (suffix) approx = APPROX_SUFFIX[suffix]!;
    tokens.push({
      value: mask ? null : value,
      redacted: Boolean(mask),
      approx,
      percent: Boolean(pctOf || cheng || pct),
      start,
      end,
    });
  }
  return tokens;
}
