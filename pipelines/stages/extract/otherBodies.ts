// Whose figure it is. A report states figures of bodies other than its issuer: the offices below it
// (全省各设区市市场监管局共查处…), the whole system it heads (全省市场监管系统共查办案件3.62万件, a total
// 不含省局本级), and bodies that are not administrative at all (全市各中小学校在校务公开栏公开信息…). None is
// the issuer's own figure, and the catalogue's `scope` only narrows a figure (a campaign, a domain, an item),
// never widens it, so such a figure gives no fact. A government's year is made up of its departments and the
// governments below it, so for a government only the non-administrative bodies are others.
import type { Sentence } from "./sentence.ts";

/**
 * offices below the issuer, named with what they are (各市州…支队, 全市各区县…部门, 各级12315平台); not 我区各级单位,
 * where the issuer speaks for its whole territory
 */
const SUBORDINATE_OFFICES =
  /(?:(?<![我本][省市区县镇])各级|各(?:设区市|市州|市（州）|地市|区县|县区|县市区|市县|县（市、区）|县\(市、区\)))[^，,。；;：:]{0,16}?(?:局|部门|支队|大队|平台|机构|单位|分局)/g;
/**
 * A whole system (全省市场监管系统, 全市生态环境部门, 全市公安机关, 全省系统, 全系统), not software the body works in
 * (执法办案系统, 信息系统), nor one it works through or for (依托全省…系统, 对全市…部门).
 */
const SYSTEM =
  /(?<!通过|依托|利用|运用|使用|借助|登录|在|对|向|[健齐周安成完基根资])(?:(?:全|本)(?:省|市|州|盟|区|县|旗)(?:[^，,。；;：:、#“”"]{0,10}?(?<!信息|平台|办案|网络|服务|审批|业务|数据|办公|电子|软件|监控|信用|登记|综合管理|执法管理|信息管理|案件管理|执法监管)系统(?!平台|软件)|[^，,。；;：:、#“”"]{0,8}?(?:部门|机关))|(?:全|本)系统)/g;
/** the subject of a clause: at its start, after a time or a linking word */
const SUBJECT_START = "(?:^|[，,：:])\\s*(?:(?:全年|今年|年内|同时|此外|另外|另|(?:#|\\d{4})年度?)[，,]?)?(?:全|本)?(?:省|市|州|盟|区|县|旗)?(?:内|范围内)?";
/** offices below the issuer as a clause's subject: 各县区, 各镇（街）, 各下属单位 */
const SUBORDINATE_SUBJECT = new RegExp(
  `${SUBJECT_START}(?:各(?:设区市|市州|地市|区县|县区|县市区|市县|县|区(?!域)|乡镇|镇街|镇|乡|街道)|(?:各)?(?:下属|直属|所属|局属|委属|厅属)(?:各)?单位|各成员单位)`,
  "g",
);
/** bodies that are not administrative, as a clause's subject (全市各中小学校, 各医疗机构, 各村（社区）) */
const NON_ADMINISTRATIVE_SUBJECT = new RegExp(
  `${SUBJECT_START}各(?:级|类)?(?:中小学校?|中小学|学校|高校|幼儿园|公立医院|医院|医疗卫生机构|医疗机构|卫生院|企业|行政村|村居|村|社区|居委会|村委会)`,
  "g",
);
/** disclosure by villages, schools, hospitals and firms (三务公开, 村务, 校务公开栏), not government information */
const NON_ADMINISTRATIVE_DISCLOSURE = /三务|村务|居务|校务|院务|厂务|党务公开|财务公开|(?:村|社区|学校)公开栏/g;
/** a total that leaves the issuer out, or adds its offices in: （不含省局本级）, （含各县市区分局） */
const BEYOND_ITSELF = /(?:不含|不包括|未含|除)[^，,。；;）)]{0,8}本级|[（(](?:含|包括)[^）)]{0,16}(?:本级|分局|县区|区县|县市区|各县|各区|下属|直属|所属)/;
/** the issuer itself, named after the others: …；省局本级查处案件86件, 我局直接查办… */
const ITSELF = /本级|我局|本局|我委|本委|我厅|本厅|我办|本办|本机关|局机关|委机关|厅机关|局本部/g;

function lastEnd(re: RegExp, text: string): number {
  let end = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    end = m.index + m[0].length;
    if (!m[0]) re.lastIndex++;
  }
  return end;
}

/** Whether the figure(s) at masked[from, to) are another body's, for an issuer that `governs` or not. */
export function othersFigure(s: Sentence, from: number, to: number, governs: boolean): boolean {
  const group = s.clauseGroup(from, to);
  const others = Math.max(
    lastEnd(NON_ADMINISTRATIVE_SUBJECT, group),
    lastEnd(NON_ADMINISTRATIVE_DISCLOSURE, group),
    governs ? -1 : Math.max(lastEnd(SUBORDINATE_OFFICES, group), lastEnd(SYSTEM, group), lastEnd(SUBORDINATE_SUBJECT, group)),
  );
  if (others >= 0 && lastEnd(ITSELF, group) <= others) return true;
  return !governs && BEYOND_ITSELF.test(s.groupText(from, to));
}
