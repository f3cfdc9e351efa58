// Report metadata on openings and signatures written for these tests: other provinces, levels and
// departments; masked and ambiguous places; the year reported on versus the year published. Then the
// samples against the gold labels, when ../shared has them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractMetadata } from "../../pipelines/stages/extract/metadata.ts";
import { cleanText } from "../../pipelines/stages/parse/cleanText.ts";
import { SAMPLES, SHARED } from "../helpers/cli.ts";

const meta = (raw: string, site_host: string | null = null) => {
  const { text, page } = cleanText(raw);
  return extractMetadata({ text, page, site_host });
};

const NULL_REGION = { province: null, city: null, county: null, region_code: null };

describe("report metadata", () => {
  it("reads a county-level city's bureau from its title, with the prefecture above it", () => {
    expect(meta("江阴市司法局2021年度法治政府建设工作报告\n发布日期:2022-01-28\n2021年,我局在市委市政府领导下……")).toEqual({
      org_name: "江阴市司法局",
      province: "江苏省",
      city: "无锡市",
      county: "江阴市",
      admin_level: "county",
      region_code: "320281",
      report_year: 2021,
      published_date: "2022-01-28",
    });
  });

  it("reads an organisation after a leading year, and a county government", () => {
    expect(meta("2022年度衢州市司法局法治政府建设工作报告\n发布时间：2023-01-15 10:00\n2022年,市司法局……")).toMatchObject({
      org_name: "衢州市司法局",
      city: "衢州市",
      admin_level: "prefecture",
      region_code: "330800",
      report_year: 2022,
      published_date: "2023-01-15",
    });
    expect(meta("浦江县人民政府关于2022年度法治政府建设情况的报告\n2022年,浦江县……")).toMatchObject({
      org_name: "浦江县人民政府",
      province: "浙江省",
      city: "金华市",
      county: "浦江县",
      region_code: "330726",
    });
  });

  it("places a report whose title names only a place, and takes the organisation from the signature", () => {
    expect(meta("临安区2021年度法治政府建设情况报告\n2021年,全区上下……\n杭州市临安区人民政府\n2022年1月20日")).toEqual({
      org_name: "杭州市临安区人民政府",
      province: "浙江省",
      city: "杭州市",
      county: "临安区",
      admin_level: "county",
      region_code: "330112",
      report_year: 2021,
      published_date: "2022-01-20",
    });
    expect(meta("宜宾市2022年法治政府建设年度报告\n2022年,在市委坚强领导下……")).toMatchObject({
      org_name: null,
      province: "四川省",
      city: "宜宾市",
      county: null,
      admin_level: "prefecture",
      region_code: "511500",
    });
  });

  it("reads a province-level commission and prefers the fuller name of the signature", () => {
    const m = meta("四川省卫生健康委2022年法治政府建设情况报告\n2022年,省卫生健康委……\n四川省卫生健康委员会\n2023年1月30日");
    expect(m).toEqual({
      org_name: "四川省卫生健康委员会",
      province: "四川省",
      city: null,
      county: null,
      admin_level: "province",
      region_code: "510000",
      report_year: 2022,
      published_date: "2023-01-30",
    });
  });

  it("prefers the page's full name over the title's abbreviation, and the page date over the signing date", () => {
    const raw =
      "湖南省市场监管局2021年度法治政府建设情况报告\n发布时间：2022-02-18\n2021年,省市场监管局……\n湖南省市场监管局\n2022年2月15日\n版权所有：湖南省市场监督管理局";
    expect(meta(raw)).toMatchObject({ org_name: "湖南省市场监督管理局", region_code: "430000", admin_level: "province", published_date: "2022-02-18" });
  });

  it("reads a government information disclosure report of a district bureau", () => {
    expect(meta("西安市雁塔区教育局2023年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》……")).toMatchObject({
      org_name: "西安市雁塔区教育局",
      province: "陕西省",
      city: "西安市",
      county: "雁塔区",
      region_code: "610113",
      report_year: 2023,
    });
  });

  it("places a municipality's district under the municipality, and a municipality's commission at province level", () => {
    expect(meta("北京市朝阳区卫生健康委员会2022年法治政府建设情况报告\n2022年,区卫生健康委……")).toMatchObject({
      province: "北京市",
      city: "北京市",
      county: "朝阳区",
      admin_level: "county",
      region_code: "110105",
    });
    expect(meta("上海市卫生健康委员会2021年法治政府建设情况报告\n2021年……")).toMatchObject({ city: null, admin_level: "province", region_code: "310000" });
  });

  it("places a national body's local branch", () => {
    expect(meta("国家税务总局宁波市税务局2022年法治政府建设情况报告\n2022年,宁波市税务局……")).toMatchObject({
      org_name: "国家税务总局宁波市税务局",
      province: "浙江省",
      city: "宁波市",
      admin_level: "prefecture",
      region_code: "330200",
    });
  });

  it("reads a district from the signature when there is no header, and a date in Chinese numerals", () => {
    const m = meta("2023年,区卫生健康局坚持依法行政……全年受理信访件30件。\n成都市武侯区卫生健康局\n二〇二四年二月五日");
    expect(m).toMatchObject({
      org_name: "成都市武侯区卫生健康局",
      city: "成都市",
      county: "武侯区",
      region_code: "510107",
      admin_level: "county",
      report_year: 2023,
      published_date: "2024-02-05",
    });
  });

  it("reads a signature spaced out, separated by blank lines, or on one line", () => {
    const spaced = meta("2022年,我局……\n\n\n\n遂 昌 县 自 然 资 源 和 规 划 局\n\n\n\n2023 年 1 月 9 日");
    expect(spaced).toMatchObject({ org_name: "遂昌县自然资源和规划局", county: "遂昌县", city: "丽水市", published_date: "2023-01-09" });
    expect(meta("2022年,我局……\n六安市医疗保障局 2023年2月3日")).toMatchObject({
      org_name: "六安市医疗保障局",
      region_code: "341500",
      published_date: "2023-02-03",
    });
  });

  it("resolves an ambiguous district by the parents the text names", () => {
    const m = meta("南山区卫生健康局2023年法治政府建设年度报告\n2023年,在深圳市委市政府……");
    expect(m).toMatchObject({ org_name: "南山区卫生健康局", province: "广东省", city: "深圳市", county: "南山区", region_code: "440305" });
    expect(meta("朝阳区司法局2022年法治政府建设情况报告\n2022年,在长春市委……")).toMatchObject({ region_code: "220104", city: "长春市" });
  });

  it("resolves an ambiguous district by the site's host", () => {
    const raw = "南山区卫生健康局2023年法治政府建设年度报告\n2023年,我局坚持依法行政……";
    expect(meta(raw, "www.szns.gov.cn")).toMatchObject({ region_code: "440305", city: "深圳市" });
    expect(meta(raw, "www.hegang.gov.cn")).toMatchObject({ region_code: "230404", city: "鹤岗市", province: "黑龙江省" });
  });

  it("leaves an ambiguous district's region null with no context, keeping the name as printed", () => {
    const m = meta("南山区卫生健康局2023年法治政府建设年度报告\n2023年,我局坚持依法行政……", "www.example.org");
    expect(m).toMatchObject({ org_name: "南山区卫生健康局", ...NULL_REGION, admin_level: "county", report_year: 2023 });
  });

  it("never guesses the region of a masked organisation, but infers its level from the text", () => {
    const m = meta("**市卫生健康局2021年依法治市工作总结\n2021年,在市委、市政府正确领导下,我局……市直医院……\n**市卫生健康局\n2022年1月5日");
    expect(m).toMatchObject({ org_name: null, ...NULL_REGION, admin_level: "prefecture", report_year: 2021, published_date: "2022-01-05" });
    const bare = meta("司法局2022年法治政府建设工作总结\n2022年，在县委、县政府领导下，全县……各乡镇……");
    expect(bare).toMatchObject({ org_name: null, ...NULL_REGION, admin_level: "county", published_date: null });
    expect(meta("XX县应急管理局关于2021年度法治政府建设情况的报告\n2021年,我局……")).toMatchObject({ org_name: null, ...NULL_REGION });
  });

  it("takes the year reported on, not the year published or a plan's span", () => {
    const m = meta("关于法治政府建设情况的报告\n发布时间：2024-01-20\n根据《法治政府建设实施纲要（2021-2025年）》要求，现将2023年度工作情况报告如下：");
    expect(m).toMatchObject({ report_year: 2023, published_date: "2024-01-20" });
    expect(meta("海口市水务局二〇二二年度法治政府建设工作报告\n过去一年……")).toMatchObject({ report_year: 2022, region_code: "460100" });
  });

  it("reads the organisation an excerpt names as its own when there is no title or signature", () => {
    expect(
      meta("根据《中华人民共和国政府信息公开条例》规定，结合来宾市卫生健康委员会政府信息公开工作实际，编制本报告。2022年，我委坚持以公开为常态……"),
    ).toMatchObject({
      org_name: "来宾市卫生健康委员会",
      province: "广西壮族自治区",
      city: "来宾市",
      county: null,
      admin_level: "prefecture",
      region_code: "451300",
    });
    expect(meta("现将新乐市交通运输局2022年政府信息公开工作情况报告如下：一、总体情况……全市交通窗口办件数量为30751件。")).toMatchObject({
      org_name: "新乐市交通运输局",
      province: "河北省",
      city: "石家庄市",
      county: "新乐市",
      admin_level: "county",
      region_code: "130184",
    });
    expect(meta("2023年，京山市市场监督管理局坚持以习近平新时代中国特色社会主义思想为指导，在市委、市政府的坚强领导下……")).toMatchObject({
      org_name: "京山市市场监督管理局",
      city: "荆门市",
      county: "京山市",
      admin_level: "county",
      region_code: "420882",
    });
    expect(meta("本报告由万源市司法局编制。全文包括总体情况……如对本报告有疑问，请与万源市司法局办公室联系。")).toMatchObject({
      org_name: "万源市司法局",
      city: "达州市",
      county: "万源市",
      admin_level: "county",
      region_code: "511781",
    });
  });

  it("takes a name the excerpt calls 我局/我委 by, and no superior body's", () => {
    expect(meta("按照遂宁市人民政府办公室工作要求，我局认真贯彻《条例》……射洪市应急管理局全年公开信息120条。")).toMatchObject({
      org_name: "射洪市应急管理局",
      county: "射洪市",
    });
    expect(meta("根据《四川省人民政府办公厅关于做好政府信息公开工作的通知》要求，在市委、市政府领导下，我局……")).toMatchObject({
      org_name: null,
      ...NULL_REGION,
    });
    expect(meta("根据广西壮族自治区卫生健康委员会政府信息公开工作要求，我委认真落实……")).toMatchObject({ org_name: null });
    expect(meta("在深圳市委市政府的坚强领导下，我委坚持依法行政……")).toMatchObject({ org_name: null });
  });

  it("reads a page's fields and a title printed with its label", () => {
    expect(meta("标题: 茂名市自然资源局2022年政府信息公开工作年度报告\n发布机构: 茂名市自然资源局\n正文……")).toMatchObject({
      org_name: "茂名市自然资源局",
      city: "茂名市",
      admin_level: "prefecture",
      report_year: 2022,
    });
    expect(meta("索引号：11350128 发文机关： 醴陵市财政局 成文日期：2023-04-13\n2022年法治工作情况……")).toMatchObject({
      org_name: "醴陵市财政局",
      county: "醴陵市",
      city: "株洲市",
    });
  });

  it("takes a place's government for a report whose title names the place alone, as the text prints it", () => {
    expect(
      meta(
        "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n……区管委会办公室编制完成了本报告，按《平潭综合实验区管委会办公室关于…》要求……\n来源：平潭县人民政府",
      ),
    ).toMatchObject({
      org_name: "平潭综合实验区管委会",
      province: "福建省",
      city: "福州市",
      county: "平潭县",
      admin_level: "county",
      region_code: "350128",
    });
    expect(meta("延吉市2022年政府信息公开工作年度报告\n本报告由延吉市人民政府办公室编制……延吉市政府信息公开工作领导小组……")).toMatchObject({
      org_name: "延吉市人民政府",
      county: "延吉市",
    });
  });

  it("reads a page's publication time printed in the text's head", () => {
    expect(
      meta(
        "湖北省交通运输厅2022年政府信息公开工作年度报告\n首页 > 政务公开 信息来源：湖北省交通运输厅 发布时间：2023-01-30 09:15 【字体：大 中 小】 根据《条例》……\n湖北省交通运输厅\n2023年1月28日",
      ),
    ).toMatchObject({ published_date: "2023-01-30" });
    expect(meta("四川省司法厅2023年法治政府建设情况报告\n时间：2024-02-26　来源：法制处\n一、主要举措……\n四川省司法厅\n2024年2月20日")).toMatchObject({
      published_date: "2024-02-26",
    });
  });

  it("reads a title a PDF wrapped over two lines", () => {
    expect(meta("绍兴市柯桥区市场监督管理局关于2022年法治政府\n建设工作情况的报告\n2022年,我局……")).toMatchObject({
      org_name: "绍兴市柯桥区市场监督管理局",
      region_code: "330603",
      report_year: 2022,
    });
  });
});

const GOLD = join(SHARED, "kpi", "gold");
const hasGold = existsSync(GOLD);
if (!hasGold) console.warn(`skipping the samples' metadata against gold: ${GOLD} not found`);

describe.skipIf(!hasGold)("report metadata of the samples against the gold labels", () => {
  const samples = hasGold ? readdirSync(SAMPLES).filter((f) => f.endsWith(".txt") && existsSync(join(GOLD, f.replace(/\.txt$/, ".meta.json")))) : [];
  it.each(samples)("%s", (file) => {
    const gold = JSON.parse(readFileSync(join(GOLD, file.replace(/\.txt$/, ".meta.json")), "utf8"));
    expect(meta(readFileSync(join(SAMPLES, file), "utf8"))).toEqual(gold);
  });
});
