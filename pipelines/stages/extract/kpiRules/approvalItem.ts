// The approval item a time limit belongs to, as written before it: quoted item names
// (对“放射诊疗卫生许可”和“辐射安全许可”事项…) or the words in front of 时限 in the same clause.
import { FIGURE } from "./rule.ts";

const QUOTED_ITEMS = /((?:[“"《][^”"》，,]{2,30}[”"》](?:和|、|及|与|以及)?)+)(?:等)?(?:事项|业务|审批|许可事项)[^。；;]*$/;
const LIMIT_WORDS = /(?:的)?(?:承诺|办理|审批|法定|许可)*(?:时限|时间|时长|用时|周期)?$/;

export function approvalItem(before: string): string | null {
  const quoted = QUOTED_ITEMS.exec(before);
  if (quoted && !quoted[1]!.includes(FIGURE)) {
    return quoted[1]!.replace(/[“”"《》]/g, "").replace(/(?:和|、|及|与|以及)$/, "");
  }
  const clause = (before.split(/[，,；;：:]/).at(-1) ?? "").replace(LIMIT_WORDS, "");
  const item = clause
    .slice(-24)
    .replace(/^(?:将|把|对|其中|推动|推进|实现|全市|全区|全县)/, "")
    .replace(LIMIT_WORDS, "");
  return item.length >= 2 && !item.includes(FIGURE) && /^[\u4e00-\u9fa5]+$/.test(item) ? item : null;
}
