// The consistency checks stored beside a report's facts (data quality): the sums the standard tables of
// 政府信息公开工作年度报告 guarantee (勾稽关系), and prose figures set against the table cell they restate.
// Dashboards and analysts select on these names.

const CHECKS = {
  "requests.applicants_total": "三: in a row, 自然人 and the five 法人或其他组织 columns add up to 总计",
  "requests.balance": "三: in a column, 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
  "requests.outcomes_total": "三: in a column, the outcome rows （一）…（六） add up to （七）总计",
  "disputes.group_total": "四: in a group, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
  prose_vs_table: "a figure in the prose for the same metric and scope as a table cell has the cell's value",
} as const;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as [CheckName, ...CheckName[]];
