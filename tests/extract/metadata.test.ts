// Report metadata on openings and signatures written for these tests: other provinces, levels and
// departments; masked and ambiguous places; the year reported on versus the year published.
import { describe, expect, it } from "vitest";
import { extractMetadata } from "../../pipelines/stages/extract/reportMetadata.ts";
import { cleanText } from "../../pipelines/stages/parse/cleanText.ts";
import { regionsNamed, leadingPlaceNames } from "../../schemas/gazetteer.ts";

const meta = (raw: string, site_host: string | null = null) => {
  const { text, page } = cleanText(raw);
  return extractMetadata({ text, page, site_host });
};

describe("gazetteer", () => {
  it("finds regions by full and short name, with their parents", () => {
    expect(regionsNamed("江阴市")).toEqual([expect.objectContaining({ code: "320281", level: "county", city: "无锡市", province: "江苏省" })]);
    expect(regionsNamed("四川")).toEqual([expect.objectContaining({ code: "510000", level: "province" })]);
    expect(regionsNamed("南山区").map((r) => r.code).sort()).toEqual(["230404", "440305"]);
    expect(leadingPlaceNames("成都市武侯区市场监督管理局")).toEqual(["成都市", "武侯区"]);
  });
});

describe("report metadata", () => {
  it("reads a county-level city's bureau from its title, with the prefecture above it", () => {
    expect(meta("江阴市司法局2021年度法治政府建设工作报告\n发布日期:2022-01-28\n2021年,我局在市委市政府领导下……")).toEqual({
      org_name: "江阴市司法局", province: "江苏省", city: "无锡市", county: "江阴市", admin_level: "county",
      region_code: "320281", report_year: 2021, published_date: "2022-01-28",
    });
  });

  it("reads an organisation after a leading year, and a county government", () => {
    expect(meta("2022年度衢州市司法局法治政府建设工作报告\n发布时间：2023-01-15 10:00\n2022年,市司法局……")).toMatchObject({
      org_name: "衢州市司法局", city: "衢州市", admin_level: "prefecture", region_code: "330800", report_year: 2022, published_date: "2023-01-15",
    });
    expect(meta("浦江县人民政府关于2022年度法治政府建设情况的报告\n2022年,浦江县……")).toMatchObject({
      org_name: "浦江县人民政府", province: "浙江省", city: "金华市", county: "浦江县", region_code: "330726",
    });
  });

  it("reads a province-level commission and prefers the fuller name of the signature", () => {
    const m = meta("四川省卫生健康委2022年法治政府建设情况报告\n2022年,省卫生健康委……\n四川省卫生健康委员会\n2023年1月30日");
    expect(m).toMatchObject({ org_name: "四川省卫生健康委员会", province: "四川省", city: null, county: null, admin_level: "province", region_code: "510000", report_year: 2022, published_date: "2023-01-30" });
  });

  it("reads a district from the signature when there is no header, and a date in Chinese numerals", () => {
    const m = meta("2023年,区卫生健康局坚持依法行政……全年受理信访件30件。\n成都市武侯区卫生健康局\n二〇二四年二月五日");
    expect(m).toMatchObject({ org_name: "成都市武侯区卫生健康局", city: "成都市", county: "武侯区", region_code: "510107", admin_level: "county", report_year: 2023, published_date: "2024-02-05" });
  });

  it("resolves an ambiguous district from the text, and leaves it null without context", () => {
    const withContext = meta("南山区卫生健康局2023年法治政府建设年度报告\n2023年,在深圳市委市政府……");
    expect(withContext).toMatchObject({ province: "广东省", city: "深圳市", county: "南山区", region_code: "440305" });
    const without = meta("南山区卫生健康局2023年法治政府建设年度报告\n2023年,我局坚持依法行政……");
    expect(without).toMatchObject({ org_name: null, province: null, region_code: null, report_year: 2023 });
  });

  it("never guesses the region of a masked organisation, but infers its level from the text", () => {
    const m = meta("**市卫生健康局2021年依法治市工作总结\n2021年,在市委、市政府正确领导下,我局……市直医院……");
    expect(m).toMatchObject({ org_name: null, province: null, city: null, county: null, region_code: null, admin_level: "prefecture", report_year: 2021, published_date: null });
  });
});
