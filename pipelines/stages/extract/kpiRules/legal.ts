// 法制审核与法律顾问: legality reviews, legal opinions, contract reviews.
import { family, rule } from "./rule.ts";

export const legal = family({
  rules: [
    rule("legal.reviews", "(?:法制审核|合法性审查|合法性审核|法制审查|法律审核)(?:文件|事项)?{gap}#{count:件|份|项|次|个}"),
    rule("legal.opinions", "法律意见书?{gap}#{count:份|件|条}"),
    rule("legal.contracts", "(?:审查|审核|审定){gap}合同(?:协议)?{gap}#{count:份|件|个}"),
    rule("legal.contracts", "合同(?:审查|审核){gap}#{count:份|件|个}"),
  ],
});
