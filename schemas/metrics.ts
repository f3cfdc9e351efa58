// The metric registry: every code of ../shared/kpi/CATALOGUE.md v1, its family, unit and Chinese label.
// Extraction rules, the fact schema, the DDL check and the dashboards all read this one list.

export const FAMILIES = ["petitions", "penalties", "approvals", "inspections", "disputes", "disclosure", "proposals", "legal"] as const;
export type Family = (typeof FAMILIES)[number];
export const CORE_FAMILIES: readonly Family[] = ["petitions", "penalties", "approvals"];

export const UNITS = ["count", "yuan", "percent", "day"] as const;
export type Unit = (typeof UNITS)[number];

export interface MetricDef {
  code: string;
  family: Family;
  unit: Unit;
  label: string;
  /** carries a qualifier (a topic, channel or item), marked (q) in the catalogue */
  qualified: boolean;
}

const m = (code: string, unit: Unit, label: string, qualified = false): MetricDef => ({
  code,
  family: code.split(".")[0] as Family,
  unit,
  label,
  qualified,
});

export const METRICS: readonly MetricDef[] = [
  m("petitions.total", "count", "信访总量"),
  m("petitions.letters", "count", "来信"),
  m("petitions.visits", "count", "来访"),
  m("petitions.group_visits", "count", "群体访"),
  m("petitions.calls", "count", "来电"),
  m("petitions.online", "count", "网上信访"),
  m("petitions.by_topic", "count", "信访按内容", true),
  m("petitions.satisfaction_rate", "percent", "信访满意率"),
  m("petitions.backlog_resolved", "count", "信访积案化解"),
  m("penalties.cases", "count", "行政处罚案件"),
  m("penalties.fines", "yuan", "罚没款"),
  m("penalties.waived", "count", "不予处罚"),
  m("penalties.lenient", "count", "从轻减轻处罚"),
  m("penalties.transferred", "count", "移送司法"),
  m("approvals.time_cut_ratio", "percent", "承诺时限压缩比"),
  m("approvals.days_before", "day", "压缩前时限", true),
  m("approvals.days_after", "day", "压缩后时限", true),
  m("approvals.promised_days", "day", "承诺时限合计"),
  m("approvals.instant_items", "count", "即办事项"),
  m("approvals.instant_share", "percent", "即办件比例"),
  m("approvals.online_share", "percent", "网办率"),
  m("approvals.received", "count", "收件量"),
  m("approvals.accepted", "count", "受理量"),
  m("approvals.completed", "count", "办结量"),
  m("approvals.commitment_grants", "count", "告知承诺审批"),
  m("inspections.random_checks", "count", "双随机抽查"),
  m("inspections.random_completion_rate", "percent", "双随机完成率"),
  m("inspections.violations", "count", "查处违法行为"),
  m("inspections.cases", "count", "行政检查"),
  m("disputes.reconsiderations", "count", "行政复议"),
  m("disputes.lawsuits", "count", "行政诉讼"),
  m("disputes.head_appearances", "count", "负责人出庭应诉"),
  m("disclosure.proactive", "count", "主动公开"),
  m("disclosure.requests", "count", "依申请公开"),
  m("proposals.total", "count", "建议提案"),
  m("proposals.npc", "count", "人大建议"),
  m("proposals.cppcc", "count", "政协提案"),
  m("legal.reviews", "count", "法制审核"),
  m("legal.opinions", "count", "法律意见书"),
  m("legal.contracts", "count", "合同审查"),
];

export const METRIC_CODES = METRICS.map((d) => d.code) as [string, ...string[]];

const byCode = new Map(METRICS.map((d) => [d.code, d]));

export function metricDef(code: string): MetricDef {
  const def = byCode.get(code);
  if (!def) throw new Error(`unknown metric code ${code}: not in schemas/metrics.ts`);
  return def;
}
