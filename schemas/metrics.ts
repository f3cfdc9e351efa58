// The metric registry: every code of ../shared/kpi/CATALOGUE.md (v1 prose metrics and the v2 standard
// tables of 政府信息公开工作年度报告), its unit and Chinese label. Extraction rules, the fact schema, the
// warehouse and the dashboards all read this one list; `MetricCode` makes a misspelt code a type error.

export const FAMILIES = ["petitions", "penalties", "approvals", "inspections", "disputes", "disclosure", "proposals", "legal"] as const;
type Family = (typeof FAMILIES)[number];

export const UNITS = ["count", "yuan", "percent", "day"] as const;
export type Unit = (typeof UNITS)[number];

/** How a unit is shown to people (dashboards, report). */
export const UNIT_LABELS: Record<Unit, string> = { count: "件", yuan: "元", percent: "%", day: "天" };

interface Entry {
  unit: Unit;
  label: string;
  /** carries a qualifier (a topic, channel or item), marked (q) in the catalogue */
  qualified?: boolean;
  /** the catalogue version that added it: 2 for the standard disclosure tables */
  catalogue?: 2;
}

const REGISTRY = {
  "petitions.total": { unit: "count", label: "信访总量" },
  "petitions.letters": { unit: "count", label: "来信" },
  "petitions.visits": { unit: "count", label: "来访" },
  "petitions.group_visits": { unit: "count", label: "群体访" },
  "petitions.calls": { unit: "count", label: "来电" },
  "petitions.online": { unit: "count", label: "网上信访" },
  "petitions.by_topic": { unit: "count", label: "信访按内容", qualified: true },
  "petitions.satisfaction_rate": { unit: "percent", label: "信访满意率" },
  "petitions.backlog_resolved": { unit: "count", label: "信访积案化解" },
  "penalties.cases": { unit: "count", label: "行政处罚案件" },
  "penalties.fines": { unit: "yuan", label: "罚没款" },
  "penalties.waived": { unit: "count", label: "不予处罚" },
  "penalties.lenient": { unit: "count", label: "从轻减轻处罚" },
  "penalties.transferred": { unit: "count", label: "移送司法" },
  "penalties.decisions": { unit: "count", label: "行政处罚决定", catalogue: 2 },
  "penalties.coercive_decisions": { unit: "count", label: "行政强制决定", catalogue: 2 },
  "approvals.time_cut_ratio": { unit: "percent", label: "承诺时限压缩比" },
  "approvals.days_before": { unit: "day", label: "压缩前时限", qualified: true },
  "approvals.days_after": { unit: "day", label: "压缩后时限", qualified: true },
  "approvals.promised_days": { unit: "day", label: "承诺时限合计" },
  "approvals.instant_items": { unit: "count", label: "即办事项" },
  "approvals.instant_share": { unit: "percent", label: "即办件比例" },
  "approvals.online_share": { unit: "percent", label: "网办率" },
  "approvals.received": { unit: "count", label: "收件量" },
  "approvals.accepted": { unit: "count", label: "受理量" },
  "approvals.completed": { unit: "count", label: "办结量" },
  "approvals.commitment_grants": { unit: "count", label: "告知承诺审批" },
  "approvals.licensing_decisions": { unit: "count", label: "行政许可决定", catalogue: 2 },
  "inspections.random_checks": { unit: "count", label: "双随机抽查" },
  "inspections.random_completion_rate": { unit: "percent", label: "双随机完成率" },
  "inspections.violations": { unit: "count", label: "查处违法行为" },
  "inspections.cases": { unit: "count", label: "行政检查" },
  "disputes.reconsiderations": { unit: "count", label: "行政复议" },
  "disputes.reconsiderations_corrected": { unit: "count", label: "行政复议结果纠正", catalogue: 2 },
  "disputes.lawsuits": { unit: "count", label: "行政诉讼" },
  "disputes.lawsuits_after_review": { unit: "count", label: "复议后起诉", catalogue: 2 },
  "disputes.lawsuits_corrected": { unit: "count", label: "行政诉讼结果纠正", catalogue: 2 },
  "disputes.head_appearances": { unit: "count", label: "负责人出庭应诉" },
  "disclosure.proactive": { unit: "count", label: "主动公开" },
  "disclosure.requests": { unit: "count", label: "依申请公开" },
  "disclosure.rules_issued": { unit: "count", label: "本年制发规章", catalogue: 2 },
  "disclosure.rules_in_force": { unit: "count", label: "现行有效规章", catalogue: 2 },
  "disclosure.normative_issued": { unit: "count", label: "本年制发规范性文件", catalogue: 2 },
  "disclosure.normative_in_force": { unit: "count", label: "现行有效规范性文件", catalogue: 2 },
  "disclosure.fees": { unit: "yuan", label: "行政事业性收费", catalogue: 2 },
  "disclosure.requests_carried_in": { unit: "count", label: "上年结转申请", catalogue: 2 },
  "disclosure.requests_granted": { unit: "count", label: "予以公开", catalogue: 2 },
  "disclosure.requests_partly_granted": { unit: "count", label: "部分公开", catalogue: 2 },
  "disclosure.requests_closed": { unit: "count", label: "办理结果总计", catalogue: 2 },
  "disclosure.requests_carried_out": { unit: "count", label: "结转下年度", catalogue: 2 },
  "proposals.total": { unit: "count", label: "建议提案" },
  "proposals.npc": { unit: "count", label: "人大建议" },
  "proposals.cppcc": { unit: "count", label: "政协提案" },
  "legal.reviews": { unit: "count", label: "法制审核" },
  "legal.opinions": { unit: "count", label: "法律意见书" },
  "legal.contracts": { unit: "count", label: "合同审查" },
} as const satisfies Record<`${Family}.${string}`, Entry>;

export type MetricCode = keyof typeof REGISTRY;

export interface MetricDef {
  code: MetricCode;
  family: Family;
  unit: Unit;
  label: string;
  qualified: boolean;
  catalogue: 1 | 2;
}

export const METRICS: readonly MetricDef[] = Object.entries(REGISTRY).map(([code, e]: [string, Entry]) => ({
  code: code as MetricCode,
  family: code.split(".")[0] as Family,
  unit: e.unit,
  label: e.label,
  qualified: e.qualified ?? false,
  catalogue: e.catalogue ?? 1,
}));

export const METRIC_CODES = METRICS.map((d) => d.code) as [MetricCode, ...MetricCode[]];

const byCode = new Map<string, MetricDef>(METRICS.map((d) => [d.code, d]));

export const isMetricCode = (code: string): code is MetricCode => byCode.has(code);

export function metricDef(code: string): MetricDef {
  const def = byCode.get(code);
  if (!def) throw new Error(`unknown metric code ${code}: not in schemas/metrics.ts`);
  return def;
}
