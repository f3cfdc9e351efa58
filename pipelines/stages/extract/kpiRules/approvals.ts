// 审批与政务服务: time cuts (ratio, before/after days, promised days), instant items, online share,
// volumes (收件/受理/办结), grants under 告知承诺.
import { family, list, rule } from "./rule.ts";
import { approvalItem } from "./approvalItem.ts";
import { DECISIONS_SHOWN } from "./disclosure.ts";

const LIMIT = "(?:时限|时间|时长|用时|周期)";
const CUT = "(?:压缩|缩短|减少|精简|降低|压减|缩减)";
/** what a volume of applications is of */
const ITEMS = "(?:各类)?[^，,。；;：:！？#]{0,6}?(?:行政审批|审批服务|审批|行政许可|许可|政务服务|便民服务|公共服务|登记)(?:服务)?(?:事项|申请|业务|件)?";
const ONLINE = "(?:网上办|网办|全程网办|网上可办|一网通办|网上办理|掌上办|不见面审批)";
/** a share named by what is done online: 网上办税率, 网上办件率 */
const ONLINE_RATE = `${ONLINE}[税事件理证]?`;
/** outcomes, not kinds, among the parts of a volume */
const NOT_KIND = /^(?:其中|共)?(?:按时|按期|提前|超期|逾期|办结|受理|退回|不予|驳回|撤回|补正|准予|即办|承诺)/;

export const approvals = family({
  rules: [
    // days on both sides say it is a time limit, named or not: 抵押登记由3个工作日压缩至1个工作日
    rule(["approvals.days_before", "approvals.days_after"], `(?:${LIMIT}{gap})?(?:由|从)(?:原来?的?|法定的?)?#{day}{gap}${CUT}(?:至|到|为)#{day}`, {
      qualify: approvalItem,
      scopeIsQualifier: true,
    }),
    rule("approvals.promised_days", `压缩后(?:的)?(?:承诺)?${LIMIT}(?:合计|总计|共计|共)?(?:为|是|达|仅)?#{day}`),
    rule("approvals.time_cut_ratio", `${LIMIT}{wide}(?:压缩|缩短|减少|提速)(?:比|率|比例|幅度)?{wide}#{percent}`),
    rule("approvals.time_cut_ratio", "(?:压缩比|压缩率|提速比|提速率)(?:例)?{gap}#{percent}"),
    rule("approvals.time_cut_ratio", `${CUT}(?:了)?(?:审批|办理|承诺|办事)?${LIMIT}{gap}#{percent}`),
    rule("approvals.time_cut_ratio", "(?:审批|办理|办事|审批服务)提速#{percent}"),
    rule("approvals.instant_share", "即办件?(?:比例|率|占比){gap}#{percent}"),
    // items that are handled at once (个, 项), not the applications so handled (即办件2,156件)
    rule("approvals.instant_items", "即办(?:件|业务|类)?(?:事项|项目|业务项|服务事项)?(?:增加到|增至|达到?|共|为|扩大到|数量)?{gap}#{count:个|项}"),
    rule("approvals.online_share", `${ONLINE_RATE}[”"]?(?:率|比例|事项比例|占比){wide}#{percent}`),
    rule("approvals.online_share", `#{percent}(?:的)?(?<s>[^，,。；;#“”"]{0,14}?)(?:事项)?(?:实现|可|已)?[“"]?${ONLINE}`),
    // grants under 告知承诺 before the volumes: 以告知承诺方式办理审批事项326件
    rule(
      "approvals.commitment_grants",
      "告知承诺(?:制)?[^，,。；;]{0,20}?(?:发放|发证|审批|办理|办结|许可)[^，,。；;#]{0,16}?(?:计|共|共计)?#{count:件|个|张|份|家}",
    ),
    rule("approvals.received", "收件(?:量|数){gap}#{count?:件|个}"),
    rule("approvals.received", "收件{gap}#{count:件}"),
    rule("approvals.accepted", "受理(?:量|数|件数){gap}#{count?:件|个}"),
    rule("approvals.accepted", `受理${ITEMS}{gap}#{count:件|个}`),
    rule("approvals.accepted", "受理[^，,。；;：:！？#]{0,8}?办件{gap}#{count:件|个}"),
    rule("approvals.licensing_decisions", "(?:作出|做出|办理)(?:准予)?(?:行政)?许可决定(?:书)?{gap}#{count:件|个|份}", { unless: DECISIONS_SHOWN }),
    rule("approvals.completed", "(?:办结量|办结数|办件量|办理量){gap}#{count?:件|个}"),
    rule("approvals.completed", "#{count:件|个}(?:的)?(?:办件量|办结量|办理量)"),
    rule("approvals.completed", "(?<!即)(?:办件|办结件|办理件){gap}#{count:件|个}"),
    rule("approvals.completed", `(?:办理|办结)${ITEMS}{gap}#{count:件|个}`),
    rule("approvals.completed", "办结#{count:件|个}", { context: /审批|政务服务|许可|办件|窗口/, unless: /信访|投诉|举报|诉求|复议|诉讼|案件/ }),
  ],
  lists: [list("approvals.completed", { opens: "其中", after: ["approvals.completed"], notItem: NOT_KIND, nameIs: "scope" })],
});
