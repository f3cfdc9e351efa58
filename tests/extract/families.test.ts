// Each family on sentences written for these tests in the style of the reports (other provinces,
// other departments), plus the sentences that must give nothing.
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../pipelines/stages/extract/facts.ts";
import { Fact } from "../../schemas/messages.ts";

type Expected = { metric: string; value: number | null; approx?: string; qualifier?: string | null; redacted?: boolean };

function facts(text: string) {
  const out = extractFacts(text);
  for (const f of out) {
    Fact.parse(f);
    expect(text.slice(f.offset, f.offset + f.evidence.length)).toBe(f.evidence);
  }
  return out.map((f) => ({ metric: f.metric, value: f.value, approx: f.approx, qualifier: f.qualifier, redacted: f.redacted }));
}

function expectFacts(text: string, expected: Expected[]) {
  const got = facts(text);
  expect(got).toHaveLength(expected.length);
  for (const e of expected) expect(got).toContainEqual(expect.objectContaining({ approx: "exact", ...e }));
}

describe("petitions", () => {
  it("reads a total and its channel split", () =>
    expectFacts("全年共受理群众信访事项2,356件,其中来信312件、来访845批次、来电970件、网上信访229件。", [
      { metric: "petitions.total", value: 2356 },
      { metric: "petitions.letters", value: 312 },
      { metric: "petitions.visits", value: 845 },
      { metric: "petitions.calls", value: 970 },
      { metric: "petitions.online", value: 229 },
    ]));

  it("reads a total written after its figure, 12345 work orders and group visits", () =>
    expectFacts("局信访办共登记处理了836件信访投诉件;办理12345热线工单4200余件;接待集体访12批次。", [
      { metric: "petitions.total", value: 836 },
      { metric: "petitions.calls", value: 4200, approx: "approx" },
      { metric: "petitions.group_visits", value: 12 },
    ]));

  it("gives a topic breakdown one fact per topic, and the satisfaction rate", () =>
    expectFacts("2023年受理信访件1200件,按反映问题分,医疗纠纷300件,医德医风150件,计划生育政策90件,群众满意率达98.5%。", [
      { metric: "petitions.total", value: 1200 },
      { metric: "petitions.by_topic", value: 300, qualifier: "医疗纠纷" },
      { metric: "petitions.by_topic", value: 150, qualifier: "医德医风" },
      { metric: "petitions.by_topic", value: 90, qualifier: "计划生育政策" },
      { metric: "petitions.satisfaction_rate", value: 98.5 },
    ]));

  it("reads resolved backlog cases, before or after the figure", () => {
    expectFacts("省信访局交办的5件信访积案全部化解到位。", [{ metric: "petitions.backlog_resolved", value: 5 }]);
    expectFacts("信访积案化解12件。", [{ metric: "petitions.backlog_resolved", value: 12 }]);
  });

  it("reads 来信来访 as a total, topics written as 反映…问题, backlog resolved with the verb first", () => {
    expectFacts("受理群众来信来访312件次,其中反映医疗服务问题210件、反映收费问题102件。全年化解信访积案11件。", [
      { metric: "petitions.total", value: 312 },
      { metric: "petitions.by_topic", value: 210, qualifier: "医疗服务" },
      { metric: "petitions.by_topic", value: 102, qualifier: "收费" },
      { metric: "petitions.backlog_resolved", value: 11 },
    ]);
  });

  it("reads past an aside in brackets, and topics given in brackets after 群众反映的问题", () =>
    expectFacts("全年共受理信访件（含12345平台）3,152件。群众反映的问题主要集中在医疗服务（1,203件）、疫情防控（986件）等方面。", [
      { metric: "petitions.total", value: 3152 },
      { metric: "petitions.by_topic", value: 1203, qualifier: "医疗服务" },
      { metric: "petitions.by_topic", value: 986, qualifier: "疫情防控" },
    ]));

  it("reads a combined 来信来访来电 figure as the total, not as one channel", () =>
    expectFacts("全年共受理来信来访来电1,245件。", [{ metric: "petitions.total", value: 1245 }]));

  it("does not take a satisfaction rate outside petitions", () => expect(facts("家庭医生签约服务满意度达到96%。患者满意度95%。")).toEqual([]));
});

describe("penalties", () => {
  it("reads cases and fines, in 万元 and 元", () =>
    expectFacts("全年共立案查处各类违法案件328件,罚没款合计265.3万元;作出行政处罚决定45起,罚款金额86,000元。", [
      { metric: "penalties.cases", value: 328 },
      { metric: "penalties.fines", value: 2653000 },
      { metric: "penalties.cases", value: 45 },
      { metric: "penalties.fines", value: 86000 },
    ]));

  it("reads waived and lenient decisions and transfers to the police", () =>
    expectFacts("对首次轻微违法的28家市场主体不予行政处罚,对9家企业从轻处罚;向公安机关移送涉嫌犯罪案件6件。", [
      { metric: "penalties.waived", value: 28 },
      { metric: "penalties.lenient", value: 9 },
      { metric: "penalties.transferred", value: 6 },
    ]));

  it("keeps masked figures as redacted facts", () =>
    expectFacts("全年办理行政处罚案件***宗,罚款**万元。", [
      { metric: "penalties.cases", value: null, redacted: true },
      { metric: "penalties.fines", value: null, redacted: true },
    ]));

  it("reads penalties written as 实施行政处罚 and 查办案件, with 罚没收入", () =>
    expectFacts("全年共实施行政处罚1,050件。查办案件120件,罚没收入86.5万元。", [
      { metric: "penalties.cases", value: 1050 },
      { metric: "penalties.cases", value: 120 },
      { metric: "penalties.fines", value: 865000 },
    ]));

  it("reads cases by procedure, and supervision inspections", () =>
    expectFacts("立案查处违法案件215起,其中适用一般程序案件132起,简易程序案件83起。全年开展卫生监督检查6,230户次。", [
      { metric: "penalties.cases", value: 215 },
      { metric: "penalties.cases", value: 132 },
      { metric: "penalties.cases", value: 83 },
      { metric: "inspections.cases", value: 6230 },
    ]));

  it("scopes a domain's cases, so they are charted beside the year's total, not added to it", () => {
    const got = extractFacts("全年共立案查处各类违法案件1,856宗。其中,查办食品安全案件412宗;查处价格违法案件58宗。");
    expect(got.map((f) => [f.value, f.scope])).toEqual([
      [1856, null],
      [412, "食品安全"],
      [58, "价格"],
    ]);
  });

  it("takes no averages and no waived fines as the year's fines", () => expect(facts("行政处罚案件平均罚款3,000元,累计减免罚款230万元。")).toEqual([]));

  it("does not count list sizes or lawsuits as cases", () =>
    expect(facts("制定轻微违法行为不予处罚清单15项。全年办理行政应诉案件2件。").map((f) => f.metric)).toEqual(["disputes.lawsuits"]));
});

describe("approvals", () => {
  it("reads a time cut from before to after, with its item", () =>
    expectFacts("医疗机构执业登记办理时限由20个工作日压缩至7个工作日。", [
      { metric: "approvals.days_before", value: 20, qualifier: "医疗机构执业登记" },
      { metric: "approvals.days_after", value: 7, qualifier: "医疗机构执业登记" },
    ]));

  it("reads time-cut ratios, shares and volumes", () =>
    expectFacts("全年政务服务事项承诺时限压缩率达85.6%,即办件占比提高到62%,全程网办率100%;收件量12,045件,受理量11,980件,办结量11,902件。", [
      { metric: "approvals.time_cut_ratio", value: 85.6 },
      { metric: "approvals.instant_share", value: 62 },
      { metric: "approvals.online_share", value: 100 },
      { metric: "approvals.received", value: 12045 },
      { metric: "approvals.accepted", value: 11980 },
      { metric: "approvals.completed", value: 11902 },
    ]));

  it("reads 压缩至…以上 as a cut of at least that much, and instant items and commitment grants", () =>
    expectFacts("审批事项办理时限平均压缩至法定时限的80%以上。即办事项增至35项。以告知承诺方式办理卫生许可1,208件。", [
      { metric: "approvals.time_cut_ratio", value: 80, approx: "at_least" },
      { metric: "approvals.instant_items", value: 35 },
      { metric: "approvals.commitment_grants", value: 1208 },
    ]));

  it("reads accepted applications and a quoted 一网通办 rate", () =>
    expectFacts("共受理行政审批事项1,230件,“一网通办”率达到99.2%。", [
      { metric: "approvals.accepted", value: 1230 },
      { metric: "approvals.online_share", value: 99.2 },
    ]));

  it("takes no online share without a printed figure", () => expect(facts("高频事项全部实现网上办、掌上办。")).toEqual([]));

  it("reads volumes written in Chinese numerals and instant items counted as 事项", () =>
    expectFacts("办结量达到一万二千件,即办件事项达到128项。", [
      { metric: "approvals.completed", value: 12000 },
      { metric: "approvals.instant_items", value: 128 },
    ]));

  it("does not read a number of working days as a count", () => expect(facts("个体诊所设置审批压缩至15个工作日,办理时限压缩了3个工作日。")).toEqual([]));
});

describe("inspections", () => {
  it("reads 双随机 checks, completion, violations and inspection files", () =>
    expectFacts("开展“双随机、一公开”抽查,抽查对象1,150户,完成率98.7%,查处违法行为64起;全年行政检查2,310家次。", [
      { metric: "inspections.random_checks", value: 1150 },
      { metric: "inspections.random_completion_rate", value: 98.7 },
      { metric: "inspections.violations", value: 64 },
      { metric: "inspections.cases", value: 2310 },
    ]));

  it("takes no completion rate outside random checks", () => expect(facts("民生实事项目完成率100%。")).toEqual([]));
});

describe("disputes, disclosure, proposals, legal", () => {
  it("reads reconsiderations, lawsuits and court appearances", () =>
    expectFacts("全年共收到行政复议申请6件,发生行政诉讼案件4件,机关负责人出庭应诉4次。", [
      { metric: "disputes.reconsiderations", value: 6 },
      { metric: "disputes.lawsuits", value: 4 },
      { metric: "disputes.head_appearances", value: 4 },
    ]));

  it("reads proactive disclosure with its channels, and requests", () =>
    expectFacts("主动公开政府信息3,402条(门户网站发布信息2,100条,政务微博发布信息1,302条),办理政府信息公开申请18件。", [
      { metric: "disclosure.proactive", value: 3402 },
      { metric: "disclosure.proactive", value: 2100 },
      { metric: "disclosure.proactive", value: 1302 },
      { metric: "disclosure.requests", value: 18 },
    ]));

  it("reads proposals as a total and by kind, skipping the lead/assist split", () =>
    expectFacts("承办市人大代表建议和政协委员提案共58件(主办40件,协办18件),其中人大代表建议25件,政协提案33件。", [
      { metric: "proposals.total", value: 58 },
      { metric: "proposals.npc", value: 25 },
      { metric: "proposals.cppcc", value: 33 },
    ]));

  it("reads hotline work orders named by the hotline's number, and legal opinions without 书", () =>
    expectFacts("12345工单2000件。法律顾问出具法律意见42条。", [
      { metric: "petitions.calls", value: 2000 },
      { metric: "legal.opinions", value: 42 },
    ]));

  it("reads contract reviews with words between the verb and 合同", () =>
    expectFacts("审查区政府合同协议173份。", [{ metric: "legal.contracts", value: 173 }]));

  it("reads legality reviews, legal opinions and contract reviews", () =>
    expectFacts("全年开展合法性审查38件,出具法律意见书21份,审查合同96份。", [
      { metric: "legal.reviews", value: 38 },
      { metric: "legal.opinions", value: 21 },
      { metric: "legal.contracts", value: 96 },
    ]));
});

describe("precision guards", () => {
  it("gives nothing for page furniture, dates, phone numbers and figures outside the catalogue", () =>
    expect(facts("发布时间:2023-03-01 浏览次数:1532\n咨询电话:0571-87654321\n全年完成核酸检测120万人次,新增床位300张,人均期望寿命达到81.2岁。")).toEqual([]));

  it("gives nothing for targets about the future", () => {
    expect(facts("力争到2025年,行政许可事项承诺时限压缩率达到95%。")).toEqual([]);
    expect(facts("三、2024年工作计划\n全年计划受理信访件下降10%,办结量达到5000件。")).toEqual([]);
  });

  it("gives nothing for a justice bureau's legal aid cases, legal-aid hotline and consultation visits", () =>
    expect(facts("全年办理法律援助案件1,206件,接待来访咨询8,500余人次,12348热线接听电话6,320个,调解矛盾纠纷3,852件。")).toEqual([]));

  it("states one figure once per metric and scope", () =>
    expect(facts("抽查对象200家,抽查任务200家。").filter((f) => f.metric === "inspections.random_checks")).toHaveLength(1));
});
