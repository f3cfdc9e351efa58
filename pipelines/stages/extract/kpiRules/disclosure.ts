// 政务公开: proactive disclosure (with its channel and category splits) and requests for disclosure.
import { family, list, rule } from "./rule.ts";

/** publishing verbs, not where they are part of 依申请公开/不予公开, nor 其他应主动公开 (a category of a list) */
const PUBLISH = "(?<!申请|不予|予以|部分|应主动|应)(?:公开|公布|发布|发送|推送|发表|刊发|报道)(?:了)?";
/** what a publication count counts */
const PUBLISHED = "(?:信息|文章|动态|政策文件|(?<!规范性)文件)";
/** outcomes and attributes of documents, interpretations and consultations, not categories of what was published */
/** the decisions a body publishes (双公示): 公示行政许可决定6417件 counts records shown, not decisions made */
const SHOWN = '(?:公示|公开|公布)(?:了)?(?:[“"]?双公示[”"]?)?';
const DECISION = "(?:行政许可|行政处罚|行政强制)(?:决定书?|结果|信息|案件信息)";
/** a clause that publishes decisions (the first named, or one after it): no count of decisions made */
export const DECISIONS_SHOWN = new RegExp(`${SHOWN}${DECISION}`);
const NOT_CATEGORY = /^(?:其中|共)?(?:依申请|申请公开|不予|予以|部分公开|答复|阅读|浏览|点击|关注)|解读|征集|征求|问答|培训|会议|讲座/;

export const disclosure = family({
  rules: [
    rule("disclosure.requests", "(?:依申请公开|信息公开申请|政府信息公开申请)(?:事项|件)?{gap}#{count:件|个}"),
    rule("disclosure.normative_in_force", "现行有效(?:的)?(?:行政)?规范性文件#{count:件}"),
    rule("disclosure.normative_issued", "(?:本年度?|年内|全年)(?:共)?制发(?:的)?(?:行政)?规范性文件#{count:件}"),
    rule(
      "disclosure.proactive",
      "(?<s>政务网站|门户网站|政府网站|网站|政务微信|微信公众号|微信|政务微博|微博|公众号|客户端)(?:公开|发布|推送)(?:政务)?信息#{count:条|篇}",
    ),
    rule("disclosure.proactive", `${SHOWN}(?<s>${DECISION})(?:共|共计|合计)?#{count:件|条|份}`),
    rule("disclosure.proactive", `(?<=${SHOWN}${DECISION}[^，,。；;：:]{0,12}?[、和及与，,])(?<s>${DECISION})(?:共|共计|合计)?#{count:件|条|份}`),
    rule("disclosure.proactive", '(?<s>双公示)[”"]?信息#{count:条|件}'),
    rule("disclosure.proactive", "(?<s>行政许可|行政处罚)信息#{count:条|件}", { context: /双公示/ }),
    // not 其他应主动公开政府信息856条: a category of the year's list
    rule("disclosure.proactive", "(?<!应)主动公开(?:政府|政务)?(?:信息|文件|事项)?{gap}#{count:条|件|篇|项}", { unless: /答复/ }),
    rule("disclosure.proactive", `${PUBLISH}[^，,。；;：:！？#]{0,80}?${PUBLISHED}(?:[^，,。；;：:！？#]{0,10}?等)?(?:共|合计|共计)?#{count:条|篇|件}`),
    rule("disclosure.proactive", `${PUBLISH}#{count:条|篇|件}[^，,。；;：:！？#]{0,30}?(?:${PUBLISHED}|公示)`),
    rule("disclosure.proactive", `(?:全年|今年|年内|累计|共)(?:共|累计)?${PUBLISH}#{count:条|篇}`),
  ],
  lists: [
    list("disclosure.proactive", { opens: "其中", after: ["disclosure.proactive"], notItem: NOT_CATEGORY, nameIs: "scope" }),
    // what a publishing verb lists: 公开施工许可证76条、安全生产许可证121条、弃婴公告70期
    list("disclosure.proactive", { opens: PUBLISH, units: ["条", "篇", "期"], notItem: NOT_CATEGORY, nameIs: "scope" }),
  ],
});
