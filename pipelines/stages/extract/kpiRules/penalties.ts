// 行政处罚: cases, fines, waived and lenient decisions, transfers to the police and judiciary.
import { DECISIONS_SHOWN } from "./disclosure.ts";
import { family, list, rule, type ScopeCue } from "./rule.ts";

/** who or what a decision is about, after its figure */
const PARTY = "(?:单位|企业|经营主体|市场主体|当事人|案件)?";
/** cases that are disputes, petitions, crimes or staff discipline, not penalties */
const NOT_PENALTY = new RegExp(
  `应诉|诉讼|复议|信访|不予|从轻|减轻|免予|免于|法律援助|调解|仲裁|刑事|侦查|审结|起诉|批捕|纪检|违纪|党纪|监察|法制审核|合法性审查|合法性审核|${DECISIONS_SHOWN.source}`,
);
/** a report on enforcement: the words around a bare 立案 */
const ENFORCEMENT = /执法|处罚|罚没|罚款|违法|结案|查处/;
/** sanctions and outcomes, not domains, among the parts of a total */
const NOT_DOMAIN =
  /^(?:其中|共)?(?:罚款|警告|没收|责令|吊销|暂扣|拘留|通报|结案|办结|听证|复议|诉讼|移送|不予|从轻|减轻|免予|一般程序|简易程序|普通程序|适用|涉及金额)/;
const WAIVER = "(?:首违不罚|首违免罚|轻微免罚|包容免罚|免[予于](?:行政)?处罚|不予(?:行政)?处罚)";

/** Campaigns and procedures an enforcement figure is limited to, named before it in its sentence. */
export const ENFORCEMENT_SCOPES: readonly ScopeCue[] = [
  { cue: /医美|医疗美容/, scope: "医疗美容" },
  { cue: /无证行医/, scope: "无证行医" },
  { cue: /非法行医/, scope: "非法行医" },
  { cue: /一般程序/, scope: "一般程序" },
  { cue: /简易程序/, scope: "简易程序" },
  { cue: /普通程序/, scope: "普通程序" },
];

export const penalties = family({
  scopeCues: ENFORCEMENT_SCOPES,
  rules: [
    rule("penalties.waived", `(?:适用)?${WAIVER}{gap}#{count:家|件|起|宗|个|户}`),
    rule("penalties.waived", `#{count:家|件|起|宗|个|户}${PARTY}{wide}(?:作出|做出|予以|实施|适用)?${WAIVER}(?:的)?(?:决定)?`),
    rule("penalties.lenient", "(?:从轻|减轻)(?:或减轻|或从轻)?(?:行政)?处罚{gap}#{count:家|件|起|宗|个|户}"),
    rule("penalties.lenient", `#{count:家|件|起|宗|个|户}${PARTY}{wide}(?:作出|做出|予以|实施)?(?:从轻|减轻)(?:或减轻|或从轻)?(?:行政)?处罚(?:的)?(?:决定)?`),
    rule("penalties.transferred", "移送(?!管辖)(?:公安|司法|检察|纪检)?(?:机关|部门)?{wide}(?:案件|线索|案件线索|涉嫌犯罪案件){gap}#{count:件|条|起|宗|个}"),
    rule("penalties.transferred", "(?:公安|司法|检察)(?:机关|部门)移送(?:了)?#{count:件|条|起|宗}"),
    rule("penalties.fines", "(?:罚款|罚没款?|罚金|收缴罚金|罚没金额|罚款金额|没收违法所得)(?:金额)?{gap}#{money}", { unless: /减免|免除|退还|免于/ }),
    rule("penalties.fines", "(?<=处罚[^。；;]{0,24})金额{gap}#{money}"),
    rule("penalties.cases", "(?:行政处罚|处罚)(?:案件|案|决定书?|档案|卷宗){gap}#{count:件|宗|起|份|个|例}", { unless: NOT_PENALTY }),
    rule(
      "penalties.cases",
      "(?:立案查处|立案调查|依法查处|查处|查办|立案)(?<s>{wide})(?:案件|处罚决定|行政处罚决定|违法案件|违法违规案件){gap}#{count:件|宗|起|例}",
      { unless: NOT_PENALTY },
    ),
    rule(
      "penalties.cases",
      "(?:办理|办结|作出|做出){gap}(?:处罚决定|行政处罚决定|违法案件|违法违规案件|处罚案件|执法案件|行政执法案件){gap}#{count:件|宗|起|例}",
      { unless: NOT_PENALTY },
    ),
    rule("penalties.cases", "(?:实施|作出|做出|办理|查办)?行政处罚(?:共|共计|合计|计)?#{count:件|宗|起|例}", { unless: NOT_PENALTY }),
    rule("penalties.cases", "(?<s>一般程序|简易程序|普通程序)(?:行政处罚)?案件{gap}#{count:件|宗|起}", { context: /处罚|查处|罚没|罚款|办理|执法|立案|结案/ }),
    rule("penalties.cases", "立案(?:查处|调查)?(?:各类)?(?:案件)?(?:共|共计|合计)?#{count:件|宗|起}", { context: ENFORCEMENT, unless: NOT_PENALTY }),
    rule("penalties.cases", `对#{count:家|户|名|人|个|起}${PARTY}(?:（[^）]*）)?[^，,。；;#]{0,8}?(?:作出|做出|给予|实施|进行)(?:了)?(?:行政)?处罚`, {
      unless: NOT_PENALTY,
    }),
    rule("penalties.cases", "查处(?<s>无证行医|非法行医|违法违规执业|非法医疗美容|违法案件){gap}#{count:件|宗|起|例}"),
  ],
  lists: [list("penalties.cases", { opens: "其中", after: ["penalties.cases"], notItem: NOT_DOMAIN, nameIs: "scope" })],
});
