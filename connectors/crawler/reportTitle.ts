// Is a title a report's? A report's title names its subject (法治政府建设, 依法行政, 政府信息公开…) and ends in
// what it is: 报告, 总结, 年报, or 工作情况. News about a meeting ends in 会/会议, a notice about reports in
// 通知, a reading of a report in 解读: their last word says they are not the report, whatever words they
// share with it. A title cut short in a list (…) cannot be judged yet: the page's own title decides.
export const DEFAULT_SUBJECT = /法治政府建设|依法行政|依法治(?:省|市|州|县|区|理|校)|法治(?:建设|工作)|政府信息公开/;

export type TitleVerdict =
  | { kind: "report" }
  | { kind: "maybe" }
  /** no_subject: not about the reports sought at all; about_reports and wrong_end: it says what else it is */
  | { kind: "not_report"; code: "no_title" | "no_subject" | "about_reports" | "wrong_end"; why: string };

const ELLIPSIS = /(?:…+|\.{2,}|。{2,}|‥)$/;
/** What sites append to a title: the file's format or extension, a bracketed note (全文, PDF版), a date. */
const DECORATION = /(?:\.(?:pdf|docx?|wps|html?|shtml)|[（(【[][^（()）【】[\]]{0,12}[)）】\]]|\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|\s)+$/i;
/** Words a report's title ends in. */
const REPORT_END = /(?:报告|报告书|总结|年报|工作情况|建设情况|实施情况|开展情况|落实情况)$/;
/** Enough of a subject, in a title cut anywhere, to look at the page. */
const SUBJECT_PART = /法治|依法|信息公开|年度报|工作报|报告|总结/;
/** Titles that speak about reports rather than being one. */
const ABOUT_REPORTS = /^关于(?:报送|编制|做好|开展|组织|召开|举办|印发|转发|征集|提交|上报|填报)|(?:召开|举行|举办|出席|参加|观摩)/;

export const cleanTitle = (title: string) => title.replace(/\s+/g, "").replace(DECORATION, "");

export function judgeTitle(title: string, subject: RegExp = DEFAULT_SUBJECT): TitleVerdict {
  const raw = title.replace(/\s+/g, "");
  if (!raw) return { kind: "not_report", code: "no_title", why: "no title" };
  if (ABOUT_REPORTS.test(raw)) return { kind: "not_report", code: "about_reports", why: `about reports, not one: ${raw}` };
  if (ELLIPSIS.test(raw)) {
    const head = raw.replace(ELLIPSIS, "");
    return subject.test(head) || SUBJECT_PART.test(head) ? { kind: "maybe" } : { kind: "not_report", code: "no_subject", why: `no report subject: ${raw}` };
  }
  const clean = cleanTitle(raw);
  if (!subject.test(clean)) return { kind: "not_report", code: "no_subject", why: `no report subject: ${raw}` };
  if (!REPORT_END.test(clean)) return { kind: "not_report", code: "wrong_end", why: `not a report's title (ends in ${clean.slice(-4)}): ${raw}` };
  return { kind: "report" };
}
