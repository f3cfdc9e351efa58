// The approval item a time limit belongs to, as written before it: quoted item names
// (对“放射诊疗卫生许可”和“辐射安全许可”事项…) or the words in front of 时限 in the same clause.
import { FIGURE } from "./rule.ts";

const QUOTED_ITEMS = /((?:[“"《][^”"》，,]{2,30}[”"》](?:和|、|及|与|以及)?)+)(?:等)?(?:事项|业务|审批|许可事项)[^。；;]*$/;
const ITEM_BEFORE_LIMIT = /([\u4e00-\u9fa5]{2,24}?)(?:的)?(?:承诺|办理|审批|法定)?(?:时限|时间|时长)[^，,；;。]*$/;

export function approvalItem(before: string): string | null {
  const quoted = QUOTED_ITEMS.exec(before);
  if (quoted && !quoted[1]!.includes(FIGURE)) {
    return quoted[1]!.replace(/[“”"《》]/g, "").replace(/(?:和|、|及|与|以及)$/, "");
  }
  const clause = before.split(/[，,；;：:]/).at(-1) ?? "";
  const item = ITEM_BEFORE_LIMIT.exec(clause)?.[1];
  return item && !item.includes(FIGURE) ? item.replace(/^(?:将|把|对|其中|推动|推进|实现)/, "") : null;
}
