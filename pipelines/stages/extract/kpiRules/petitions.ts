// 信访: totals, channels (来信/来访/来电/网上), group visits, backlog, satisfaction, and the topics a
// total is broken down into.
import { family, list, rule } from "./rule.ts";

const PETITION =
  "(?:(?:来信|来访|来电|网信){2,4}|信访(?:投诉)?(?:举报)?(?:咨询)?(?:件|案件|事项|总量|问题)?|来信来访|来信来电来访|来访来信|群众来信来访|信访投诉|投诉举报|举报投诉|投诉咨询|(?:群众|企业|市民)诉求)";
/** channels, not topics, in a list announced as topics (咨询建议, 投诉举报类 are topics there) */
const NOT_CHANNEL = /^(?:其中|共|合计|总计)?(?:来信|来访|来电|网信|网上|电话|热线|信访|满意)/;
/** channels and outcomes, not topics, among the parts of a total */
const NOT_TOPIC =
  /^(?:其中|共|合计|总计)?(?:按期|按时|重复|越级|初信|初访|网信|电话|网上|网络|信访|投诉|举报|咨询|有效|已|未|正在|实名|匿名|集体|群体|现场|跟进)|办结|化解|答复|受理|交办|转办|督办|回访|满意|来信|来访|来电|热线|工单|问政|信箱/;
const PETITION_CONTEXT = /信访|投诉|来信|来访|群众反映/;

export const petitions = family({
  rules: [
    rule(["petitions.group_visits", "petitions.visits"], "(?:群体访|集体访|群体性来访|集体上访)#{count:批次|批}#{count:人次}", { scope: "群体访" }),
    rule("petitions.group_visits", "(?:群体访|集体访|群体性来访|集体上访){gap}#{count:批次|批|起|次}"),
    rule("petitions.backlog_resolved", "信访(?:积案|老案|疑难案件){gap}(?:化解|办结|清零|息诉息访){gap}#{count:件|起|个|宗}"),
    rule("petitions.backlog_resolved", "(?:化解|办结|清零)(?:了)?(?:各类)?信访(?:积案|老案|疑难案件){gap}#{count:件|起|个|宗}"),
    rule("petitions.backlog_resolved", "#{count:件|起|个|宗}{gap}信访(?:积案|老案)(?=[^。；;]{0,24}(?:化解|办结|清零|息诉息访))"),
    rule("petitions.letters", "(?:群众|人民群众)?来信(?!来访|来电){near}#{count:件|封|次|人次|批次}"),
    rule("petitions.visits", "(?<!来信|来电)(?:群众|人民群众)?来访(?!来信|来电|咨询){near}#{count:件次|件|批次|人次|次|批|起}"),
    // consultation calls (咨询来电) are not petitions
    rule("petitions.calls", "(?<!来信|来访|咨询)(?:来电|电话投诉|电话举报)(?!来信|来访|咨询){near}#{count:件|个|次|人次|通|条|单|宗}"),
    // a hotline is a petition channel only where the sentence speaks of petitions or complaints (not 12348 legal aid)
    rule("petitions.calls", "(?:热线电话|热线|12345|12320|12315|12310)(?:工单|转办件|转办单|投诉)?{near}#{count:件|个|次|人次|通|条|单|宗}", {
      context: /信访|投诉|举报|诉求|工单|12345|12320/,
      unless: /咨询/,
    }),
    rule(
      "petitions.online",
      "(?<!来信|来访|来电)(?:网信|网上信访|网上投诉|网络投诉|网上来信|网络信访|网上留言|网络诉求|网上诉求|网络问政|网上问政|领导信箱|网上信箱|市长信箱|书记信箱|局长信箱|县长信箱|区长信箱){near}#{count:件|个|次|条|封|宗}",
    ),
    // not the class of disclosure requests 信访举报投诉类申请
    rule("petitions.total", `${PETITION}{gap}#{count:件次|件|批次|人次|次|起|宗|个}`, { unless: /积案|重复信访|越级|类申请/ }),
    rule("petitions.total", `(?:受理|办理|接收|收到|处理|登记|接待)了?{gap}#{count:件|批次|人次|次|起|宗}${PETITION}`, { unless: /积案/ }),
    rule("petitions.by_topic", "反映(?<q>[^，,。；;、#]{2,12}?)(?:类)?(?:问题|方面)(?:的)?(?:信访件|投诉件?)?#{count:件|起|宗|个|批次|人次}", {
      context: /信访|投诉|来信|来访/,
    }),
    rule("petitions.satisfaction_rate", "满意(?:度|率){gap}#{percent}", { context: /信访|来信|来访|投诉/, unless: /签约|回访|问卷|测评|患者满意/ }),
  ],
  lists: [
    list("petitions.by_topic", { opens: "其中", after: ["petitions.total"], notItem: NOT_TOPIC, nameIs: "qualifier" }),
    // announced by what the petitions raise, these open a topic list wherever they stand
    list("petitions.by_topic", {
      opens:
        "从反映(?:的)?(?:问题|内容)(?:看|来看|分析)|按(?:照)?反映(?:的)?(?:问题|内容)(?:的)?(?:类型|类别|分类)?(?:分|划分|统计|来看|分类)|反映(?:的)?(?:问题|内容)(?:主要)?(?:包括|涉及|集中在|为|有)",
      notItem: NOT_CHANNEL,
      nameIs: "qualifier",
      markerApart: true,
    }),
    // announced in words other reports use too, only in a sentence about petitions
    list("petitions.by_topic", {
      opens:
        "按(?:照)?(?:问题|内容|事项|诉求)(?:的)?(?:类型|类别|性质|分类)?(?:分|划分|统计|来看|分类)|按(?:照)?(?:问题|内容)类别|(?:信访|投诉)?内容主要涉及|涉及(?:的)?(?:问题|内容)(?:主要)?(?:有|包括|为|是|集中在)",
      context: PETITION_CONTEXT,
      notItem: NOT_CHANNEL,
      nameIs: "qualifier",
      markerApart: true,
    }),
  ],
});
