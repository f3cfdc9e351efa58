// The same figures as other provinces and departments word them (市场监管, 交通, 卫健, 公安, 司法, 自然资源,
// 生态环境, 应急管理, 城管综合执法, 政务服务): each family of wordings with several differently worded
// sentences, written for these tests, and sentences near them that must give nothing.
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../pipelines/stages/extract/facts.ts";
import { Fact } from "../../schemas/messages.ts";

type Expected = { metric: string; value: number | null; approx?: string; qualifier?: string | null; scope?: string | null };

function facts(text: string) {
  return extractFacts(text).map((f) => {
    Fact.parse(f);
    expect(text.slice(f.offset, f.offset + f.evidence.length)).toBe(f.evidence);
    return { metric: f.metric, value: f.value, approx: f.approx, qualifier: f.qualifier, scope: f.scope };
  });
}

function expectFacts(text: string, expected: Expected[]) {
  const got = facts(text);
  expect(got, JSON.stringify(got)).toHaveLength(expected.length);
  for (const e of expected) expect(got).toContainEqual(expect.objectContaining({ approx: "exact", ...e }));
}

const only = (metric: string) => (text: string) =>
  facts(text)
    .filter((f) => f.metric === metric)
    .map((f) => f.value);

describe("petitions: totals in other words", () => {
  it.each([
    ["全年共受理各类群众诉求259起。", 259],
    ["组织开展19期问政节目，收到群众诉求348件，现场解决162件。", 348],
    ["共累计接收处置部门转办信访、群众来信、来电、来访、网络投诉等信访投诉事项2905件，处置率达100%。", 2905],
    ["全年共接待处理群众来信来访356批次。", 356],
    ["2022年共受理信访举报投诉1,200余件。", 1200],
    ["局机关共办理群众信访件487件，按期办结率100%。", 487],
    ["全年共受理12345政务服务便民热线转办的投诉举报事项3,625件。", 3625],
  ])("%s", (text, value) => expect(only("petitions.total")(text)).toEqual([value]));

  it("does not read a channel out of a list of channels that ends in 等 and the total", () => {
    const got = facts("共累计接收处置部门转办信访、群众来信、来电、来访、网络投诉等信访投诉事项2905件。");
    expect(got.map((f) => f.metric)).toEqual(["petitions.total"]);
  });

  it("reads channels written as 电话投诉, 网络诉求, 市长信箱 and a quoted hotline", () =>
    expectFacts("全年受理群众诉求86件，其中热线电话11通，网络诉求3件；市长信箱转办件25件；“12345”热线工单3.2万件。", [
      { metric: "petitions.total", value: 86 },
      { metric: "petitions.calls", value: 11 },
      { metric: "petitions.online", value: 3 },
      { metric: "petitions.online", value: 25 },
      { metric: "petitions.calls", value: 32000 },
    ]));

  it.each([
    ["全年共受理信访件856件，从反映问题看，医疗纠纷类236件、医保待遇类125件。", ["医疗纠纷类", "医保待遇类"]],
    ["受理群众来信来访326件次，信访内容主要涉及征地拆迁（85件）、劳动社保（62件）。", ["征地拆迁", "劳动社保"]],
    ["2022年共收到投诉举报2,356件，涉及的问题主要有食品安全1,023件、价格收费568件。", ["食品安全", "价格收费"]],
  ])("reads topics however the breakdown is announced: %s", (text, topics) =>
    expect(
      facts(text)
        .filter((f) => f.metric === "petitions.by_topic")
        .map((f) => f.qualifier),
    ).toEqual(topics),
  );

  it("reads the topics after a total's 其中, leaving outcomes out", () =>
    expectFacts("受理信访件120件，其中涉及医疗纠纷30件、医保政策20件、办结115件。", [
      { metric: "petitions.total", value: 120 },
      { metric: "petitions.by_topic", value: 30, qualifier: "医疗纠纷" },
      { metric: "petitions.by_topic", value: 20, qualifier: "医保政策" },
    ]));
});

describe("penalties in enforcement reports", () => {
  it.each([
    ["全年共办理各类行政执法案件1,235件，结案1,198件。", 1235],
    ["全年共立案1,235宗，结案1,198宗，罚没款326.5万元。", 1235],
    ["全年办理简易程序案件120件、一般程序案件45件。", null],
    ["对23家企业（个人）依法作出行政处罚。", 23],
    ["共查处违法违规案件86起，其中食品安全案件40起。", 86],
    ["全年下达行政处罚决定书120份。", 120],
    ["依法给予行政处罚156起。", 156],
  ])("%s", (text, value) => {
    const got = only("penalties.cases")(text);
    if (value === null) expect(got).toEqual([120, 45]);
    else expect(got).toContain(value);
  });

  it("scopes the parts of a total's 其中, leaving outcomes and sanction types out", () =>
    expect(facts("查处各类违法案件1,856宗，其中食品安全案件412宗、价格违法案件58宗、罚款结案30宗。").map((f) => [f.metric, f.value, f.scope])).toEqual([
      ["penalties.cases", 1856, null],
      ["penalties.cases", 412, "食品安全案件"],
      ["penalties.cases", 58, "价格违法案件"],
    ]));

  it("reads waivers worded 首违不罚 and 免予处罚, and transfers to the judiciary without 案件", () =>
    expectFacts("全年适用首违不罚128件，对36家市场主体免予行政处罚；向司法机关移送3件，移送公安机关涉嫌犯罪线索5条。", [
      { metric: "penalties.waived", value: 128 },
      { metric: "penalties.waived", value: 36 },
      { metric: "penalties.transferred", value: 3 },
      { metric: "penalties.transferred", value: 5 },
    ]));

  it("reads cases by the 2021 law's 普通程序 as a procedure, and leniency worded 包容免罚", () => {
    expect(facts("全年办理行政处罚案件1235件，其中适用简易程序156件、普通程序案件1079件。").map((f) => [f.value, f.scope])).toEqual([
      [1235, null],
      [1079, "普通程序"],
    ]);
    expect(only("penalties.waived")("对312家经营主体实施包容免罚。")).toEqual([312]);
  });

  it("reads a domain's cases: 治安案件, 违法用地案件, 环境违法案件", () =>
    expect(
      facts("全年共查处各类治安案件1,256起。立案查处违法用地案件38宗。下达行政处罚决定书86份，罚款金额532.6万元。").map((f) => [f.metric, f.value, f.scope]),
    ).toEqual([
      ["penalties.cases", 1256, "治安"],
      ["penalties.cases", 38, "违法用地"],
      ["penalties.fines", 5326000, null],
      ["penalties.cases", 86, null],
    ]));

  it("does not read court, procuratorate or police figures as the body's penalties", () =>
    expect(facts("少年法庭已审结刑事案件16件、民事案件近百件。全年破获刑事案件320起，行政拘留86人。").filter((f) => f.metric.startsWith("penalties"))).toEqual(
      [],
    ));
});

describe("approvals: handled items and shares in other words", () => {
  it("reads a window's count of handled items and its breakdown", () =>
    expect(facts("全市交通窗口办件数量为30751件，其中行政许可16634件、公共服务14117件。").map((f) => [f.metric, f.value, f.scope])).toEqual([
      ["approvals.completed", 30751, null],
      ["approvals.completed", 16634, "行政许可"],
      ["approvals.completed", 14117, "公共服务"],
    ]));

  it.each([
    ["全年共受理各类政务服务事项86,420件，办结86,105件。", "approvals.accepted", 86420],
    ["全年共受理各类政务服务事项86,420件，办结86,105件。", "approvals.completed", 86105],
    ["累计办理各类审批服务事项5,236件。", "approvals.completed", 5236],
    ["运行以来已有30余件办件量。", "approvals.completed", 30],
    ["共收件12,045件。", "approvals.received", 12045],
    ["政务服务中心全年受理办件15,632件。", "approvals.accepted", 15632],
    ["全年作出准予行政许可决定1,320件。", "approvals.licensing_decisions", 1320],
  ])("%s → %s", (text, metric, value) => expect(only(metric)(text)).toEqual([value]));

  it.each([
    ["92%高频便民服务事项实现“全程网办”。", 92],
    ["全程网办率以及一趟不用跑率达100%。", 100],
    ["依申请政务服务事项网上可办率达到98.6%。", 98.6],
    ["政务服务事项“一网通办”率达99%以上。", 99],
  ])("online share: %s", (text, value) => expect(only("approvals.online_share")(text)).toEqual([value]));

  it.each([
    ["审批时限从20个工作日缩减到3个工作日。", 20, 3],
    ["企业开办时间由原来的5天压减至1天。", 5, 1],
  ])("a cut from before to after: %s", (text, before, after) => {
    expect(only("approvals.days_before")(text)).toEqual([before]);
    expect(only("approvals.days_after")(text)).toEqual([after]);
  });

  it.each([
    ["审批提速80%。", 80],
    ["压缩审批时限70%以上。", 70],
  ])("time cut: %s", (text, value) => expect(only("approvals.time_cut_ratio")(text)).toEqual([value]));

  it("does not read minutes as days, nor a count of items as a share", () =>
    expect(facts("群众等候时间由42分钟缩至19分钟，200项办事服务实现“全流程网上办”。")).toEqual([]));
});

describe("violations found in inspections, in a domain", () => {
  it.each([
    ["全年共查处各类交通运输违法行为3,256起。", 3256],
    ["发现并纠正安全生产违法违规行为528个。", 528],
  ])("%s", (text, value) => expect(only("inspections.violations")(text)).toEqual([value]));
});

describe("双随机 inspections in other wordings", () => {
  it.each([
    ["开展“双随机、一公开”抽查任务120个。", 120],
    ["开展部门联合“双随机”抽查36次，抽查市场主体1,024户。", 1024],
    ["通过“双随机、一公开”监管平台随机抽取检查对象318家。", 318],
    ["全年开展双随机抽查检查任务45个。", 45],
  ])("%s", (text, value) => expect(only("inspections.random_checks")(text)).toContain(value));

  // the catalogue counts 双随机 objects and tasks (家, 件): how many rounds of checks (次), or kinds of item, is neither
  it.each(["开展“双随机、一公开”联合抽查3次。", "抽取省级随机监督抽查事项21项。"])("%s gives no random checks", (text) =>
    expect(only("inspections.random_checks")(text)).toEqual([]),
  );
});

describe("proactive disclosure in other words", () => {
  it("reads a total and the categories of its 其中", () =>
    expect(facts("累计发布信息313条，其中政策文件14条、行政许可93条、行政处罚206条。").map((f) => [f.value, f.scope])).toEqual([
      [313, null],
      [14, "政策文件"],
      [93, "行政许可"],
      [206, "行政处罚"],
    ]));

  it("reads categories in brackets, with 、 inside names", () =>
    expect(
      only("disclosure.proactive")(
        "今年，我区政府信息公开单位共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，其他应主动公开政府信息856条)对于主动公开的政府信息，主要通过门户网站发布。",
      ),
    ).toEqual([2599, 25, 68, 856]));

  it.each([
    ["全年共发布77条信息。", 77],
    ["今年共发布380条财政资金信息。", 380],
    ["全年公开环保督察信息、环境质量信息、饮用水水源水质监测和其他重大环境信息131条。", 131],
    ["2019年累计公布网上信息、安全提示等1000余条。", 1000],
    ["我局通过微信公众号发布文章1061篇。", 1061],
    ["我局官方微信公众号累计发送了1603条信息。", 1603],
    ["全年主动公开我区各级单位政府信息2645条。", 2645],
    ["在网站显眼位置设立专栏，发布政策文件20件。", 20],
    ["全年共发布133条。", 133],
  ])("%s", (text, value) => expect(only("disclosure.proactive")(text)).toEqual([value]));

  it("counts requests in 件, not the documents classed 依申请公开", () =>
    expect(facts("印发公文类政府信息共432条，其中主动公开信息数99条，依申请公开信息数311条，不予公开22条。").map((f) => [f.metric, f.value])).toEqual([
      ["disclosure.proactive", 99],
    ]));
});

describe("legality reviews in other words", () => {
  it("reads documents reviewed, and the kinds of its 其中", () =>
    expect(facts("截止2022年底，已把关各类合同、协议及文件260余份，其中规范性文件5份。").map((f) => [f.metric, f.value, f.approx, f.scope])).toEqual([
      ["legal.reviews", 260, "approx", null],
      ["legal.reviews", 5, "exact", "规范性文件"],
    ]));

  it.each([
    ["全年审查区政府规范性文件12件。", 12],
    ["备案审查行政规范性文件36件。", 36],
  ])("reads normative documents reviewed: %s", (text, value) => expect(only("legal.reviews")(text)).toEqual([value]));

  it("reads documents put through review, but not documents that merely passed it", () => {
    expect(only("legal.reviews")("全年对12件规范性文件进行合法性审查。")).toEqual([12]);
    expect(only("legal.reviews")("共出台规范性文件17件，全部经过了合法性审查。")).toEqual([]);
  });
});

describe("a department's whole paragraph", () => {
  it("keeps a total's fine unscoped after a breakdown by procedure", () =>
    expect(
      facts("全年办理行政处罚案件137宗，其中适用简易程序案件52宗，适用普通程序案件85宗，罚没款共计65.8万元。").map((f) => [f.metric, f.value, f.scope]),
    ).toEqual([
      ["penalties.fines", 658000, null],
      ["penalties.cases", 137, null],
      ["penalties.cases", 52, "简易程序"],
      ["penalties.cases", 85, "普通程序"],
    ]));

  it("reads a service centre's volumes: accepted, completed, not the instant part as items", () => {
    expect(facts("政务服务中心全年共受理各类事项办件152,360件，办结152,286件，按时办结率100%。").map((f) => [f.metric, f.value])).toEqual([
      ["approvals.accepted", 152360],
      ["approvals.completed", 152286],
    ]);
    expect(facts("共办理行政许可事项3,568件，其中即办件2,156件，承诺件1,412件。").map((f) => [f.metric, f.value])).toEqual([["approvals.completed", 3568]]);
    expect(facts("推行告知承诺制，以告知承诺方式办理审批事项326件。").map((f) => f.metric)).toEqual(["approvals.commitment_grants"]);
  });

  it("reads visits to the inspected in 家次 as inspections", () =>
    expect(facts("共检查医疗机构1,256家次，下达卫生监督意见书986份，立案查处违法案件156件，罚款86.3万元。").map((f) => [f.metric, f.value])).toEqual([
      ["penalties.fines", 863000],
      ["penalties.cases", 156],
      ["inspections.cases", 1256],
    ]));

  it("reads documents of every kind reviewed as legality reviews, contracts alone as contract reviews", () => {
    expect(facts("我局法律顾问全年共审查合同、协议等各类文件158件。").map((f) => [f.metric, f.value])).toEqual([["legal.reviews", 158]]);
    expect(facts("全年审核各类合同326份。").map((f) => [f.metric, f.value])).toEqual([["legal.contracts", 326]]);
  });
});

describe("text out of a PDF: lines wrapped anywhere, blank lines between", () => {
  // lines as a page wraps them, about 30 characters wide
  it("reads a sentence across its line breaks, even between a figure and its unit", () =>
    expect(
      facts(
        "（一）主动公开。全年通过局门户网站和政务微博等渠道主动公开政\n\n府信息2,210条，其中发布行政许可信息986条、行政处罚信息312\n\n条、统计信息45条。",
      ).map((f) => f.value),
    ).toEqual([2210, 986, 312, 45]));

  it("reads a time cut whose unit a line break splits", () =>
    expect(
      facts("深化不动产登记改革，二手房转移登记办理时限由7个工作\n\n日压缩至2个工作日，查封登记由5个工作日压缩至1个工作日。").map((f) => [
        f.metric,
        f.value,
        f.qualifier,
      ]),
    ).toEqual([
      ["approvals.days_before", 7, "二手房转移登记"],
      ["approvals.days_after", 2, "二手房转移登记"],
      ["approvals.days_before", 5, "查封登记"],
      ["approvals.days_after", 1, "查封登记"],
    ]));

  it("does not run a title or a heading into the sentence after it", () => {
    expect(facts("遂宁市司法局2022年政府信息公开工作年度报告\n受理群众来信12件。").map((f) => [f.metric, f.value])).toEqual([["petitions.letters", 12]]);
    expect(facts("全年共受理政府信息公开申请36件，均按期答复，答复率达到百分之\n二、主动公开政府信息情况\n规章 0 0 3").map((f) => f.metric)).toEqual([
      "disclosure.requests",
    ]);
  });
});

describe("figures of the bodies below the issuer", () => {
  const text = "全省各设区市市场监管局共查处各类违法案件2.3万件，罚没款3.6亿元；省局本级查处案件86件，罚没款1,280万元。全省各级12315平台共受理投诉举报96万件。";
  it("are not a department's own", () =>
    expect(facts(text).map((f) => [f.metric, f.value])).toEqual([
      ["penalties.fines", 12800000],
      ["penalties.cases", 86],
    ]));

  it("are a government's own, whose year they make up", () =>
    expect(extractFacts(text, true).map((f) => f.value)).toEqual(expect.arrayContaining([23000, 360000000, 86, 12800000, 960000])));
});

describe("wider wordings of a figure's subject", () => {
  it.each([
    ["对6家首次违法且危害轻微的小微企业依法不予行政处罚。", "penalties.waived", 6],
    ["对4家积极配合调查并主动退赔的经营者从轻处罚。", "penalties.lenient", 4],
    ["向公安机关移送涉嫌生产销售伪劣产品犯罪案件线索9条。", "penalties.transferred", 9],
    ["立案查处无照经营、虚假宣传等违法案件57起。", "penalties.cases", 57],
    ["全年审查局发规范性文件及重大行政决策事项草案26件。", "legal.reviews", 26],
    ["对市局作出的重大行政处罚决定开展法制审核48件。", "legal.reviews", 48],
    ["全年办理不动产登记业务8.6万件。", "approvals.completed", 86000],
    ["全年网上受理各类交通运输行政审批服务事项3.2万件。", "approvals.accepted", 32000],
    ["网上办税率达到97.2%。", "approvals.online_share", 97.2],
    ["全年通过省一体化监管平台抽取检查对象562户。", "inspections.random_checks", 562],
    ["全年随机抽查建筑施工企业及监理单位87家。", "inspections.random_checks", 87],
    ["完成国家双随机监督抽检任务856件。", "inspections.random_checks", 856],
    ["全年承办市十七届人大三次会议代表建议36件、市政协十五届三次会议提案44件。", "proposals.npc", 36],
    ["全年承办市十七届人大三次会议代表建议36件、市政协十五届三次会议提案44件。", "proposals.cppcc", 44],
    ["办理省人大代表建议和省政协提案共67件。", "proposals.total", 67],
    ["其中12345政务服务便民热线工单5,316宗、网络问政1,208宗。", "petitions.calls", 5316],
    ["其中12345政务服务便民热线工单5,316宗、网络问政1,208宗。", "petitions.online", 1208],
    ["全年共受理群众来信来访来电网信事项864件。", "petitions.total", 864],
  ])("%s → %s", (text, metric, value) =>
    expect(
      facts(text)
        .filter((f) => f.metric === metric)
        .map((f) => f.value),
    ).toEqual([value]),
  );

  it("reads topics in a sentence of their own after the total's", () =>
    expect(
      facts("全年受理信访件2,815件。从反映问题看，医疗服务质量1,012件、医患纠纷638件、其他1,165件。")
        .filter((f) => f.metric === "petitions.by_topic")
        .map((f) => f.qualifier),
    ).toEqual(["医疗服务质量", "医患纠纷", "其他"]));
});

describe("near misses that must give nothing", () => {
  it.each([
    "纪委立案审查违纪违法案件3件。",
    "公安机关立案侦查刑事案件45起，审结12起。",
    "全年共发布规范性文件12件。",
    "全年发布政策文件解读96篇，公开征求意见3期。",
    "区旅游与文化体育局出台《支持涉旅企业应对疫情共渡难关八条措施实施细则》。",
    "即办事项办理时限不超过2个工作日，全程网办事项200项。",
    "对2名工作人员给予党纪处分。",
    "依申请公开信息数311条，不予公开22条。",
    "全年共开展普法宣传活动126场次，发放宣传资料3.2万份，受益群众5.6万人次。",
    "全局共有行政执法人员356名，其中持证执法人员326名。",
    "梳理行政处罚事项1,256项、行政许可事项86项、行政强制事项36项。",
    "编制公布权责清单事项2,356项，其中行政许可86项、行政处罚1,568项。",
    "全年办理行政处罚案件同比下降12.5%。",
    "深化“放管服”改革，取消行政审批事项12项，下放38项。",
    "聘请法律顾问5名，全年列席会议36次，提供法律咨询126次。",
    "2024年，我局将力争全年查处案件500件以上。",
    "2023年，我局将加强培训，力争全年主动公开政府信息不少于800条，其中政策文件不少于50条。",
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”。",
    "12366纳税服务热线全年接听纳税咨询来电3.1万个。",
    "办结的申请中予以公开6件、信访举报投诉类申请3件。",
    "全年组织政务公开业务培训2期，开展网站普查4次。",
  ])("%s", (text) => expect(facts(text)).toEqual([]));

  it("leaves out the parts of a total that are its handling, not its topics", () =>
    expect(facts("受理信访件120件，其中省交办12件、按期办结118件。").map((f) => f.metric)).toEqual(["petitions.total"]));
});

describe("figures of a whole system or of bodies that are not the issuer", () => {
  it.each([
    "全省市场监管系统共查办各类违法案件3.62万件，罚没款6.8亿元。",
    "全省交通运输系统全年累计公开政府信息逾38万条。",
    "全市生态环境系统（含各县市区分局）全年共发布环境信息5,600余条。",
    "全县卫生健康系统全年受理信访事项215件。",
    "全省市场监管部门共查办案件3.62万件。",
    "全市公安机关共受理行政复议申请12件。",
    "全区城管执法系统共办理行政处罚案件1,862宗。",
    "全省系统依法对2,115家（次）首违轻微违法经营主体不予行政处罚。",
    "全系统共作出行政许可决定1.2万件。",
    "2023年，全市各县（市、区）共受理行政复议申请46件。",
    "各乡镇（街道）全年共受理群众来信来访1,320件。",
    "各下属单位全年办理政务服务事项8,600件。",
    "共查办各类案件3.62万件，罚没款6.8亿元（不含省局本级）。",
    "全市共受理行政许可申请1.8万件（含各区分局）。",
    "全市各中小学校（幼儿园）在校务公开栏公开信息逾2万条。",
    "全市各镇（街）在村（社区）公开栏公开“三务”信息约4.3万条。",
    "全县各村（社区）通过村务公开栏公开信息3,200余条。",
  ])("%s gives nothing", (text) => expect(facts(text)).toEqual([]));

  it.each([
    ["全年省局本级受理行政许可申请3,562件。", "approvals.accepted", [3562]],
    ["全省市场监管系统共查办各类案件3.62万件，其中省局本级查办案件120件。", "penalties.cases", [120]],
    ["全市交通运输系统共受理信访件860件；我局受理信访件64件。", "petitions.total", [64]],
    ["我局全年共查处违法案件356件，罚没款128.6万元。", "penalties.cases", [356]],
    ["本局全年主动公开政府信息1,245条。", "disclosure.proactive", [1245]],
    ["本机关全年收到行政复议申请3件。", "disputes.reconsiderations", [3]],
    ["全年共办理行政处罚案件86件。", "penalties.cases", [86]],
    ["依托全省统一的行政执法综合管理系统办理行政处罚案件86件。", "penalties.cases", [86]],
    ["通过全市政务服务系统受理行政许可申请2,300件。", "approvals.accepted", [2300]],
    ["对全市各医疗机构开展“双随机”抽查，抽查对象639家。", "inspections.random_checks", [639]],
    ["健全系统化的执法监督机制，全年办理行政处罚案件86件。", "penalties.cases", [86]],
    ["对全市市场监管部门开展执法检查12次。", "inspections.cases", [12]],
    ["全市共立案查处违法违规案件412宗。", "penalties.cases", [412]],
  ])("%s is the issuer's own", (text, metric, values) => expect(only(metric)(text)).toEqual(values));

  it("are a government's own when its towns and departments made them, not when schools or villages did", () => {
    const text = "全市各镇（街）、各部门共主动公开政府信息1.2万条；全市各中小学校在校务公开栏公开信息逾2万条；各村（社区）在公开栏公开“三务”信息约4.3万条。";
    expect(extractFacts(text, true).map((f) => [f.metric, f.value])).toEqual([["disclosure.proactive", 12000]]);
    expect(facts(text)).toEqual([]);
  });
});

describe("decisions published (双公示) are disclosure, not decisions made", () => {
  it.each([
    ["依法公示行政许可决定6417件、行政处罚决定1160件。", [6417, 1160]],
    ["全年通过“信用中国”网站公示行政许可决定6,417件、行政处罚决定1,160件。", [6417, 1160]],
    ["在门户网站“双公示”专栏公开行政处罚决定书86份、行政许可决定书1,203份。", [86, 1203]],
    ["全年公示行政处罚信息1,160条，行政许可信息6,417条。", [1160, 6417]],
  ])("%s", (text, values) => {
    const got = facts(text);
    expect(got.map((f) => f.metric)).toEqual(values.map(() => "disclosure.proactive"));
    expect(got.map((f) => f.value).sort()).toEqual([...values].sort());
  });

  it("leaves decisions made as they are, published after or not", () =>
    expect(
      facts("作出行政许可决定1,203件，作出行政处罚决定86件，均在7个工作日内公示。")
        .map((f) => [f.metric, f.value])
        .sort(),
    ).toEqual([
      ["approvals.licensing_decisions", 1203],
      ["penalties.cases", 86],
    ]));
});
