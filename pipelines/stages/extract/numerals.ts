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

const ARABIC = "[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?";
const CHINESE = "[零〇一二两三四五六七八九十百千万亿]+";
const MASK = "[*＊]+|[X×]{1,4}(?=[件宗起次家项个份条封批人期户例])";

/** One figure from where it starts; the groups say which form it took. */
const NUMBER = new RegExp(
  `(?:百分之(${CHINESE}|${ARABIC})|(${ARABIC})\\s*([万亿])?|(${CHINESE})|(${MASK}))(余|多)?([万亿])?(余|多)?(成(?![员本果效绩立功]))?([%％])?(以上|以下|以内|左右|之上)?`,
  "y",
);

/** Words before a figure that qualify it, longest first (不超过 before 超过 before 超). */
const APPROX_PREFIX: Array<[string, Approx]> = [
  ["不超过", "at_most"],
  ["不少于", "at_least"],
  ["不低于", "at_least"],
  ["不多于", "at_most"],
  ["不高于", "at_most"],
  ["将近", "approx"],
  ["大约", "approx"],
  ["接近", "approx"],
  ["超过", "at_least"],
  ["高于", "at_least"],
  ["不到", "at_most"],
  ["不足", "at_most"],
  ["低于", "at_most"],
  ["约", "approx"],
  ["近", "approx"],
  ["逾", "at_least"],
  ["超", "at_least"],
];
const APPROX_SUFFIX: Record<string, Approx> = { 以上: "at_least", 之上: "at_least", 以下: "at_most", 以内: "at_most", 左右: "approx" };

const NAMED_SET = /^(?:项(?:制度|机制|措施|原则|要求|行动)|次(?:会议|全会|全体会议))/;

/** What may follow a bare Chinese numeral for it to count as a figure rather than a word (一是, 十九大). */
const CHINESE_NEEDS = /^(?:[件宗起次家项个份条封批人期户例名所篇场张台套间%％]|个工作日|工作日|天|万?元|亿元)/;

const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
/** What may continue a number after its digits: spaces, 万/亿, 余/多, 成, %, 以上/之上/左右 */
const CONTINUES = new Uint8Array(65536);
for (const c of "万亿余多成%％以之左\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") CONTINUES[c.charCodeAt(0)] = 1;
for (let c = 0x2000; c <= 0x200a; c++) CONTINUES[c] = 1;
const isComma = (c: number) => c === 0x2c || c === 0xff0c;
const isPoint = (c: number) => c === 0x2e || c === 0xff0e;

/**
 * The end of a run of digits at `at` that nothing after it can continue (2022年, 1461件, 1,), which the
 * grammar would read as the digits alone: read directly, without the regex. `at` when it is not one.
 */
function plainDigits(text: string, at: number): number {
  let end = at;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  if (end === at) return at;
  const next = text.charCodeAt(end);
  if (CONTINUES[next]) return at;
  if (isComma(next) && isDigit(text.charCodeAt(end + 1)) && isDigit(text.charCodeAt(end + 2)) && isDigit(text.charCodeAt(end + 3))) return at;
  if (isPoint(next) && isDigit(text.charCodeAt(end + 1))) return at;
  return end;
}

const arabicValue = (digits: string) => Number(toAscii(digits).replace(/[,，]/g, ""));

/** what may stand right before Arabic digits that are a figure: not a letter, a digit or a point (A12, 3.5.1) */
const CONTINUES_WORD = new Uint8Array(65536);
for (const c of "0123456789０１２３４５６７８９.．") CONTINUES_WORD[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 122; c++) if (c <= 90 || c >= 97) CONTINUES_WORD[c] = 1;
const HOTLINE = /^123\d\d$/;
const COUNTED = /^[件宗起次家项个份条封批人%％万]/;

/** Arabic digits are a figure unless they continue a word or code (A12, 3.5.1) or name a hotline (12345热线). */
const arabicStands = (text: string, start: number, digits: string, end: number) =>
  !CONTINUES_WORD[text.charCodeAt(start - 1)] && !(digits.length === 5 && HOTLINE.test(digits) && !COUNTED.test(text.slice(end, end + 4)));

/** A figure of plain Arabic digits text[at, end), with a qualifying word before it. */
function arabicToken(text: string, at: number, end: number, floor: number, digits = text.slice(at, end)): NumberToken | null {
  const prefix = prefixBefore(text, at, floor);
  const start = prefix ? at - prefix[0].length : at;
  if (!arabicStands(text, start, digits, end)) return null;
  return { value: arabicValue(digits), redacted: false, approx: prefix ? prefix[1] : "exact", percent: false, start, end };
}

/** the last characters of those words: a figure after any other character has no qualifying word */
const PREFIX_END = new Uint8Array(65536);
for (const [word] of APPROX_PREFIX) PREFIX_END[word.charCodeAt(word.length - 1)] = 1;

/** The qualifying word just before `at`, not reaching back past `floor`. */
function prefixBefore(text: string, at: number, floor: number): [string, Approx] | null {
  if (at === 0 || !PREFIX_END[text.charCodeAt(at - 1)]) return null;
  for (const entry of APPROX_PREFIX) {
    const from = at - entry[0].length;
    if (from >= floor && text.startsWith(entry[0], from)) return entry;
  }
  return null;
}

/**
 * The figures of `text` that start at the given positions (ascending, from figureStarts), read once
 * each: a position inside a figure already read, or inside words that only look like one, is passed over.
 */
export function readFigures(text: string, starts: ArrayLike<number>, base = 0): NumberToken[] {
  const tokens: NumberToken[] = [];
  let consumed = 0;
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k]! - base;
    if (at < consumed) continue;
    const plain = plainDigits(text, at);
    if (plain > at) {
      consumed = plain;
      const token = arabicToken(text, at, plain, tokens.at(-1)?.end ?? 0);
      if (token) tokens.push(token);
      continue;
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m?.[0]) continue;
    const [all, pctOf, arabic, arabicBig, chinese, mask, more1, big, more2, cheng, pct, suffix] = m;
    const end = at + all.length;
    consumed = end;
    const prefix = prefixBefore(text, at, tokens.at(-1)?.end ?? 0);
    const start = prefix ? at - prefix[0].length : at;
    const before = text[start - 1] ?? "";
    const after = text.slice(end, end + 4);
    const more = more1 ?? more2;
    let value: number | null = null;
    if (pctOf) value = /[0-9０-９]/.test(pctOf) ? Number(toAscii(pctOf)) : chineseNumeral(pctOf);
    else if (arabic) {
      if (!arabicStands(text, start, arabic, end)) continue;
      value = arabicValue(arabic);
    } else if (chinese) {
      // 数十, 若干, 百余, 二十余: words that name no figure
      // a lone 一 is an article more often than a count (一件事, 一次性, 一张网)
      if (/[数若几上第周星礼]/.test(before) || more || /^[十百千万亿]+$/.test(chinese) || chinese === "一") continue;
      if (!cheng && !pct && !CHINESE_NEEDS.test(after)) continue;
      // 三项制度, 两项机制, 五次会议: the name of a set or a session, not a count
      if (NAMED_SET.test(after)) continue;
      value = chineseNumeral(chinese);
      if (value === null) continue;
    } else if (!mask) continue;
    const multiplier = (BIG_UNITS[arabicBig ?? ""] ?? 1) * (BIG_UNITS[big ?? ""] ?? 1);
    if (value !== null) value = Math.round(value * multiplier * 1e6) / 1e6;
    if (cheng && value !== null) value *= 10;
    let approx: Approx = prefix ? prefix[1] : "exact";
    if (more) approx = "approx";
    if (suffix) approx = APPROX_SUFFIX[suffix]!;
    tokens.push({ value: mask ? null : value, redacted: Boolean(mask), approx, percent: Boolean(pctOf || cheng || pct), start, end });
  }
  return tokens;
}

export const DIGIT = 1;
export const MASK_CHAR = 2;
export const NUMERAL = 3;
/** The characters a figure can start with, by kind: digits, masks (*, X), Chinese numerals. */
export const FIGURE_CHAR = new Uint8Array(65536);
for (const c of "0123456789０１２３４５６７８９") FIGURE_CHAR[c.charCodeAt(0)] = DIGIT;
for (const c of "*＊X×") FIGURE_CHAR[c.charCodeAt(0)] = MASK_CHAR;
for (const c of "零〇一二两三四五六七八九十百千万亿") FIGURE_CHAR[c.charCodeAt(0)] = NUMERAL;
/**
 * What follows a run of Chinese numerals that is a figure (or 百分之): 余/多, 成, %, a unit, 以上/之上/左右.
 * Runs followed by anything else (一是, 进一步, 十九大) are words.
 */
const NUMERAL_FOLLOW_CHARS = "余多成%％件宗起次家项个份条封批人期户例名所篇场张台套间天元工以左之分";
export const NUMERAL_FOLLOW = new Uint8Array(65536);
for (const c of NUMERAL_FOLLOW_CHARS) NUMERAL_FOLLOW[c.charCodeAt(0)] = 1;

/**
 * Where figures may start: the first character of each run of digits or masks, and of each run of
 * Chinese numerals that NUMERAL_FOLLOW allows. The report walk in ruleEngine.ts finds the same while
 * it reads the text for cue words.
 */
function figureStarts(text: string): number[] {
  const out: number[] = [];
  let prev = 0;
  let numeral = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = FIGURE_CHAR[c]!;
    if (numeral >= 0 && kind !== NUMERAL) {
      if (NUMERAL_FOLLOW[c]) out.push(numeral);
      numeral = -1;
    }
    if (kind !== prev) {
      if (kind === NUMERAL) numeral = i;
      else if (kind) out.push(i);
    }
    prev = kind;
  }
  return out;
}

/** Every figure in `text`. */
export function findNumbers(text: string): NumberToken[] {
  return readFigures(text, figureStarts(text));
}
