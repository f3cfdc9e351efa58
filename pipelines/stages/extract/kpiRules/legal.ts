// 法制审核与法律顾问: legality reviews, legal opinions, contract reviews.
import { family, list, rule } from "./rule.ts";

const REVIEW = "(?:合法性审查|法制审核|合法性审核|法制审查)";

export const legal = family({
  rules: [
    rule("legal.reviews", "(?:法制审核|合法性审查|合法性审核|法制审查|法律审核)(?:文件|事项)?{gap}#{count:件|份|项|次|个}"),
    rule("legal.opinions", "法律意见书?{gap}#{count:份|件|条}"),
    // contracts alone: 合同、协议等各类文件 are documents of every kind, reviewed for legality
    rule("legal.contracts", "(?:审查|审核|审定){gap}合同(?:协议)?{gap}#{count:份|件|个}", { unless: /文件/ }),
    rule("legal.contracts", "合同(?:审查|审核){gap}#{count:份|件|个}"),
    // 把关 reads contracts, agreements and documents alike for legality
    rule("legal.reviews", "把关(?:各类)?[^，,。；;：:！？#]{0,16}?#{count:份|件|项}"),
    rule("legal.reviews", "(?:审查|审核)[^，,。；;：:！？#]{0,12}?文件{gap}#{count:件|份}"),
    rule("legal.reviews", "(?:备案)?(?:审查|审核)[^，,。；;：:！？#]{0,6}?(?:行政)?规范性文件(?:草案)?{wide}#{count:件|份}"),
    // documents put through review (进行合法性审查), not documents that passed it (均经合法性审查)
    rule("legal.reviews", `#{count:件|份|项}[^，,。；;#]{0,12}?(?:进行|开展|完成)(?:了)?${REVIEW}`),
  ],
  lists: [list("legal.reviews", { opens: "其中", after: ["legal.reviews"], notItem: /^(?:均|全部|已)/, nameIs: "scope" })],
});
