// 人大建议与政协提案: the combined total and each kind.
import { family, rule } from "./rule.ts";

export const proposals = family({
  rules: [
    rule("proposals.total", "(?:建议(?:和|及|、|与)(?:政协)?(?:委员)?提案|议案提案|建议提案){gap}#{count:件|项}"),
    rule("proposals.npc", "人大(?:代表)?(?:建议|议案)(?!和|及|、|与|提案){gap}#{count:件|项}"),
    rule("proposals.cppcc", "政协(?:委员)?提案{gap}#{count:件|项}"),
  ],
});
