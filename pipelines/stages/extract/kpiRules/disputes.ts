// 行政复议与行政诉讼: reconsiderations, lawsuits, the head of the organisation in court.
import { family, rule } from "./rule.ts";

export const disputes = family({
  rules: [
    rule("disputes.head_appearances", "负责人(?:出庭)?(?:应诉|出庭){gap}#{count:次|人次|件}"),
    rule("disputes.reconsiderations", "行政复议(?:案件|申请|案)?(?!答复|决定书){gap}#{count:件|宗|起|个}", { unless: /答辩状/ }),
    rule("disputes.lawsuits", "(?:行政诉讼|行政应诉|应诉)(?:案件|案)?(?!答辩){gap}#{count:件|宗|起|个}", { unless: /答辩状/ }),
  ],
});
