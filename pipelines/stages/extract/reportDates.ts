// The dates a report gives: the year it reports on (title, else the opening) and a date written in
// Arabic or Chinese numerals (2023年2月10日, 二〇二三年二月十日, 2023.2.10).
import { chineseNumeral } from "./numerals.ts";

const CN_DIGITS = "〇一二三四五六七八九";
const YEAR_SRC = "(\\d{4}|[〇零一二三四五六七八九]{4})";
const PART_SRC = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
export const DATE_SRC = `${YEAR_SRC}\\s*(?:年\\s*${PART_SRC}\\s*月\\s*${PART_SRC}\\s*日|[-./](\\d{1,2})[-./](\\d{1,2}))`;
const DATE = new RegExp(DATE_SRC);
/** A year that is not the end of a span (2021-2025年). */
const YEAR = new RegExp(`(?<![-—～~至到])${YEAR_SRC}\\s*年`, "g");
/** The year an opening says it reports on: 2022年, / 2022年度， / 2022年以来 / 2022年是 / 现将2022年. */
const YEAR_ABOUT = new RegExp(`(?:^|[\\n。；，,:：]|现将|回顾)${YEAR_SRC}\\s*年度?(?:[，,。]|以来|是|全年|我)`);

function year(digits: string): number | null {
  const y = /^\d+$/.test(digits) ? Number(digits) : Number([...digits.replace(/零/g, "〇")].map((c) => CN_DIGITS.indexOf(c)).join(""));
  return y >= 1990 && y <= 2100 ? y : null;
}

const part = (s: string) => (/^\d+$/.test(s) ? Number(s) : (chineseNumeral(s) ?? NaN));

function firstYear(s: string): number | null {
  for (const m of s.matchAll(YEAR)) {
    const y = year(m[1]!);
    if (y) return y;
  }
  return null;
}

/** The year the report is about: the title's first year, else the one its opening reports on. */
export function reportYear(titles: string[], opening: string): number | null {
  for (const t of titles) {
    const y = firstYear(t);
    if (y) return y;
  }
  const about = YEAR_ABOUT.exec(opening);
  return (about ? year(about[1]!) : null) ?? firstYear(opening);
}

/** The first date written in `s`, as YYYY-MM-DD. */
export function dateIn(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const y = year(m[1]!);
  const [mo, d] = [part(m[2] ?? m[4]!), part(m[3] ?? m[5]!)];
  if (!y || !(mo >= 1 && mo <= 12) || !(d >= 1 && d <= 31)) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A page's publication date printed in the text's head: 发布时间：2022-01-25 17:30, or 时间：2024-03-28 beside 来源. */
const PUBLISHED = new RegExp(`(?:发布|发表|更新)(?:时间|日期)\\s*[:：]\\s*(${DATE_SRC})`);
const BARE_TIME = new RegExp(`(?:^|[\\s　])时间\\s*[:：]\\s*(${DATE_SRC})`);

export function publishedIn(head: string): string | null {
  const m = PUBLISHED.exec(head) ?? BARE_TIME.exec(head);
  return m ? dateIn(m[1]!) : null;
}
