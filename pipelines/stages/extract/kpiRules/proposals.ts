// 人大建议与政协提案: the combined total and each kind.
import { family, rule } from "./rule.ts";

export const proposals = family({
  rules: [
    rule("proposals.total", "(?:建议(?:和|及|、|与)(?:省|市|县|区|全国)?(?:政协)?(?:委员)?提案|议案提案|建议提案){gap}#{count:件|项}"),
    // the session may stand between the body and its proposals: 省十三届人大五次会议代表建议58件
    rule("proposals.npc", "人大(?:[^，,。；;：:！？#]{0,8}?会议)?(?:代表)?(?:建议|议案)(?!和|及|、|与|提案){gap}#{count:件|项}"),
    rule("proposals.cppcc", "政协(?:[^，,。；;：:！？#]{0,8}?会议)?(?:委员)?提案{gap}#{count:件|项}"),
  ],
});
