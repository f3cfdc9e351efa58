// The standard tables of 政府信息公开工作年度报告 (templates of 国办公开办函〔2019〕60号 and 〔2021〕30号) as data:
// each table's row and column labels, which cells are catalogue metrics, and the sums the template
// guarantees (勾稽关系). Readers find rows and columns by these labels; the solver and the checks use the sums.
import type { MetricCode } from "../../../../schemas/metrics.ts";
import type { CheckName } from "../../../../schemas/checks.ts";

export type TableId = "active" | "requests" | "disputes";

export interface RowDef {
  key: string;
  /** its numbering as printed (一、 / （一） / 1.), optional in the text unless `numbered` */
  ordinal?: { kind: "chinese" | "bracketed" | "arabic"; n: string };
  /** the words that identify the row */
  core: string;
  /** words some templates print before the core (行政 of 行政规范性文件) */
  lead?: string;
  /** the rest of the label, read past when present */
  tail?: string;
  /** the core alone is too common a word (其他, 总计): the ordinal must be printed */
  numbered?: boolean;
  /** what may not follow the core (其他 of 其他处理 is not the row 3.其他) */
  notFollowedBy?: string;
  /** a heading over other rows (三、本年度办理结果): no cells of its own. "maybe": cells in 2019, a heading in 2021 */
  cells: boolean | "maybe";
}

export interface ColumnDef {
  key: string;
  /** header labels that name this column, in any template */
  labels: string[];
  decimal?: boolean;
  signed?: boolean;
}

// 二、主动公开政府信息情况: one table per 第二十条 item, each with its own header row.
export const ACTIVE_COLUMNS: ColumnDef[] = [
  { key: "issued", labels: ["本年制发件数", "本年新制作数量"] },
  { key: "published", labels: ["本年新公开数量"] },
  { key: "repealed", labels: ["本年废止件数"] },
  { key: "in_force", labels: ["现行有效件数", "对外公开总数量"] },
  { key: "previous", labels: ["上一年项目数量"] },
  { key: "change", labels: ["本年增/减"], signed: true },
  { key: "decisions", labels: ["本年处理决定数量", "处理决定数量"] },
  { key: "fee_amount", labels: ["本年收费金额"], decimal: true },
  { key: "purchases", labels: ["采购项目数量"] },
  { key: "purchase_amount", labels: ["采购总金额"], decimal: true },
];

/** 二's header rows in each template, their column labels in order. A header in running text is read as the one
 * whose labels include those found there, in their order: a label a PDF wrapped (本年新公开数 / 量) or a report
 * misspelt (本年废纸件数) is still its column. */
export const ACTIVE_HEADERS: string[][] = [
  ["本年制发件数", "本年废止件数", "现行有效件数"], // 2021 第二十条第（一）项
  ["本年新制作数量", "本年新公开数量", "对外公开总数量"], // 2019 （一）
  ["本年处理决定数量"], // 2021 （五）（六）
  ["上一年项目数量", "本年增/减", "处理决定数量"], // 2019 （五）（六）
  ["本年收费金额"], // 2021 （八）
  ["上一年项目数量", "本年增/减"], // 2019 （八）: no amount
  ["采购项目数量", "采购总金额"], // 2019 （九）
];

export const ACTIVE_ROWS: RowDef[] = [
  { key: "rules", core: "规章", cells: true },
  { key: "normative", lead: "行政", core: "规范性文件", cells: true },
  { key: "licensing", core: "行政许可", cells: true },
  { key: "other_services", core: "其他对外管理服务事项", cells: true },
  { key: "penalties", core: "行政处罚", cells: true },
  { key: "coercion", core: "行政强制", cells: true },
  { key: "fees", core: "行政事业性收费", cells: true },
  { key: "purchasing", core: "政府集中采购", cells: true },
];

// 三、收到和处理政府信息公开申请情况: seven applicant columns, the rows in template order.
export const REQUEST_COLUMNS: ColumnDef[] = [
  { key: "natural", labels: ["自然人"] },
  { key: "business", labels: ["商业企业"] },
  { key: "research", labels: ["科研机构"] },
  { key: "public_interest", labels: ["社会公益组织"] },
  { key: "legal_services", labels: ["法律服务机构"] },
  { key: "other", labels: ["其他"] },
  { key: "total", labels: ["总计"] },
];

const c = (n: string) => ({ kind: "chinese" as const, n });
const b = (n: string) => ({ kind: "bracketed" as const, n });
const a = (n: string) => ({ kind: "arabic" as const, n });

export const REQUEST_ROWS: RowDef[] = [
  { key: "new", ordinal: c("一"), core: "本年新收", tail: "政府信息公开申请数量", cells: true },
  { key: "carried_in", ordinal: c("二"), core: "上年结转", tail: "政府信息公开申请数量", cells: true },
  { key: "results", ordinal: c("三"), core: "本年度办理结果", cells: false },
  { key: "granted", ordinal: b("一"), core: "予以公开", cells: true },
  { key: "partly", ordinal: b("二"), core: "部分公开", tail: "（区分处理的，只计这一情形，不计其他情形）", cells: true },
  { key: "withheld", ordinal: b("三"), core: "不予公开", cells: false },
  { key: "withheld.secret", ordinal: a("1"), core: "属于国家秘密", cells: true },
  { key: "withheld.law", ordinal: a("2"), core: "其他法律行政法规禁止公开", cells: true },
  { key: "withheld.security", ordinal: a("3"), core: "危及", tail: "“三安全一稳定”", cells: true },
  { key: "withheld.third_party", ordinal: a("4"), core: "保护第三方合法权益", cells: true },
  { key: "withheld.internal", ordinal: a("5"), core: "属于三类内部事务信息", cells: true },
  { key: "withheld.process", ordinal: a("6"), core: "属于四类过程性信息", cells: true },
  { key: "withheld.enforcement", ordinal: a("7"), core: "属于行政执法案卷", cells: true },
  { key: "withheld.inquiry", ordinal: a("8"), core: "属于行政查询事项", cells: true },
  { key: "unable", ordinal: b("四"), core: "无法提供", cells: false },
  { key: "unable.not_held", ordinal: a("1"), core: "本机关不掌握相关政府信息", cells: true },
  { key: "unable.needs_making", ordinal: a("2"), core: "没有现成信息需要另行制作", cells: true },
  { key: "unable.unclear", ordinal: a("3"), core: "补正后申请内容仍不明确", cells: true },
  { key: "refused", ordinal: b("五"), core: "不予处理", cells: false },
  { key: "refused.petition", ordinal: a("1"), core: "信访举报投诉类申请", cells: true },
  { key: "refused.repeat", ordinal: a("2"), core: "重复申请", cells: true },
  { key: "refused.publication", ordinal: a("3"), core: "要求提供公开出版物", cells: true },
  { key: "refused.mass", ordinal: a("4"), core: "无正当理由大量反复申请", cells: true },
  { key: "refused.confirm", ordinal: a("5"), core: "要求行政机关确认或重新出具已获取信息", cells: true },
  // 2019: one row; 2021: a heading over three rows
  { key: "other", ordinal: b("六"), core: "其他处理", cells: "maybe" },
  { key: "other.overdue", ordinal: a("1"), core: "申请人无正当理由逾期不补正", tail: "、行政机关不再处理其政府信息公开申请", cells: true },
  { key: "other.unpaid", ordinal: a("2"), core: "申请人逾期未按收费通知要求缴纳费用", tail: "、行政机关不再处理其政府信息公开申请", cells: true },
  { key: "other.other", ordinal: a("3"), core: "其他", numbered: true, notFollowedBy: "处理|法律|结果|对外|组织", cells: true },
  { key: "closed", ordinal: b("七"), core: "总计", numbered: true, cells: true },
  { key: "carried_out", ordinal: c("四"), core: "结转下年度", tail: "继续办理", cells: true },
];

/** The outcome rows that add up to （七）总计: (六) itself in 2019, its three rows in 2021. */
const OUTCOME_ROWS = REQUEST_ROWS.filter((r) => /^(granted|partly|withheld\.|unable\.|refused\.|other)/.test(r.key) && r.cells !== false);

// 四、政府信息公开行政复议、行政诉讼情况: three groups of five cells.
export const DISPUTE_GROUPS = [
  { key: "review", label: "行政复议" },
  { key: "direct_suit", label: "未经复议直接起诉" },
  { key: "suit_after_review", label: "复议后起诉" },
] as const;
export const DISPUTE_OUTCOMES = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
] as const;
/** One column per group and outcome; a header names it by both words (行政诉讼 / 复议后起诉 / 结果纠正). */
export const DISPUTE_COLUMNS: ColumnDef[] = DISPUTE_GROUPS.flatMap((g) =>
  DISPUTE_OUTCOMES.map((o) => ({ key: `${g.key}.${o.key}`, labels: [`${g.label}${o.label}`] })),
);
/** The words of table 四's header, read past before its one row of cells. */
export const DISPUTE_HEADER_WORDS = ["行政复议", "行政诉讼", ...DISPUTE_GROUPS.map((g) => g.label), ...DISPUTE_OUTCOMES.map((o) => o.label)];
export const DISPUTES_ROW = "cells";

export interface CellMetric {
  table: TableId;
  row: string;
  column: string;
  metric: MetricCode;
}

// The catalogue v2 cells (../shared/kpi/CATALOGUE.md): every other cell gives no fact.
export const CELL_METRICS: CellMetric[] = [
  { table: "active", row: "rules", column: "issued", metric: "disclosure.rules_issued" },
  { table: "active", row: "rules", column: "in_force", metric: "disclosure.rules_in_force" },
  { table: "active", row: "normative", column: "issued", metric: "disclosure.normative_issued" },
  { table: "active", row: "normative", column: "in_force", metric: "disclosure.normative_in_force" },
  { table: "active", row: "licensing", column: "decisions", metric: "approvals.licensing_decisions" },
  { table: "active", row: "penalties", column: "decisions", metric: "penalties.decisions" },
  { table: "active", row: "coercion", column: "decisions", metric: "penalties.coercive_decisions" },
  { table: "active", row: "fees", column: "fee_amount", metric: "disclosure.fees" },
  { table: "requests", row: "new", column: "total", metric: "disclosure.requests" },
  { table: "requests", row: "carried_in", column: "total", metric: "disclosure.requests_carried_in" },
  { table: "requests", row: "granted", column: "total", metric: "disclosure.requests_granted" },
  { table: "requests", row: "partly", column: "total", metric: "disclosure.requests_partly_granted" },
  { table: "requests", row: "closed", column: "total", metric: "disclosure.requests_closed" },
  { table: "requests", row: "carried_out", column: "total", metric: "disclosure.requests_carried_out" },
  { table: "disputes", row: DISPUTES_ROW, column: "review.total", metric: "disputes.reconsiderations" },
  { table: "disputes", row: DISPUTES_ROW, column: "review.corrected", metric: "disputes.reconsiderations_corrected" },
  { table: "disputes", row: DISPUTES_ROW, column: "direct_suit.total", metric: "disputes.lawsuits" },
  { table: "disputes", row: DISPUTES_ROW, column: "suit_after_review.total", metric: "disputes.lawsuits_after_review" },
  { table: "disputes", row: DISPUTES_ROW, column: "direct_suit.corrected", metric: "disputes.lawsuits_corrected" },
];

/** Table 四 counts only disputes about information disclosure. */
export const DISPUTES_SCOPE = "政府信息公开";

export type CellRef = readonly [row: string, column: string];

/** A sum the template guarantees: the cells of `parts` add up to the cells of `totals`. */
export interface Equation {
  check: CheckName;
  /** the row, column or group it is about, as the report labels it */
  subject: string;
  parts: CellRef[];
  totals: CellRef[];
}

const APPLICANTS = REQUEST_COLUMNS.filter((col) => col.key !== "total");

/** 三's sums for the rows a report has: each row's applicants add up to 总计; per column 一 + 二 = （七） + 四,
 * and the outcome rows add up to （七）. A sum over a row the report lacks is not set. */
export function requestEquations(rows: ReadonlySet<string>, rowLabel: (key: string) => string): Equation[] {
  const out: Equation[] = [];
  for (const row of REQUEST_ROWS) {
    if (!rows.has(row.key)) continue;
    out.push({
      check: "requests.applicants_total",
      subject: rowLabel(row.key),
      parts: APPLICANTS.map((col) => [row.key, col.key]),
      totals: [[row.key, "total"]],
    });
  }
  const outcomes = rows.has("other") ? OUTCOME_ROWS.filter((r) => !r.key.startsWith("other.")) : OUTCOME_ROWS.filter((r) => r.key !== "other");
  const balance = ["new", "carried_in", "closed", "carried_out"].every((k) => rows.has(k));
  const outcomesKnown = rows.has("closed") && outcomes.every((r) => rows.has(r.key));
  for (const col of REQUEST_COLUMNS) {
    const subject = col.labels[0]!;
    if (balance)
      out.push({
        check: "requests.balance",
        subject,
        parts: [
          ["new", col.key],
          ["carried_in", col.key],
        ],
        totals: [
          ["closed", col.key],
          ["carried_out", col.key],
        ],
      });
    if (outcomesKnown)
      out.push({ check: "requests.outcomes_total", subject, parts: outcomes.map((r) => [r.key, col.key] as const), totals: [["closed", col.key]] });
  }
  return out;
}

/** 四's sums: in each group, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计. */
export const DISPUTE_EQUATIONS: Equation[] = DISPUTE_GROUPS.map((g) => ({
  check: "disputes.group_total",
  subject: g.label,
  parts: DISPUTE_OUTCOMES.filter((o) => o.key !== "total").map((o) => [DISPUTES_ROW, `${g.key}.${o.key}`] as const),
  totals: [[DISPUTES_ROW, `${g.key}.total`]],
}));
