// The region gazetteer: lookups by code and by full or short name, parent chains, shared names.
import { describe, expect, it } from "vitest";
import { leadingPlaceNames, parentChain, regionByCode, regionsNamed, shortForms } from "../../schemas/regions.ts";

const codes = (name: string) =>
  regionsNamed(name)
    .map((r) => r.code)
    .sort();

describe("region gazetteer", () => {
  it("finds provinces, prefectures and counties by full name, with six-digit codes and their parents", () => {
    expect(regionsNamed("浙江省")).toEqual([{ code: "330000", name: "浙江省", level: "province", province: "浙江省", city: null, county: null }]);
    expect(regionsNamed("金华市")).toEqual([{ code: "330700", name: "金华市", level: "prefecture", province: "浙江省", city: "金华市", county: null }]);
    expect(regionsNamed("东阳市")).toEqual([{ code: "330783", name: "东阳市", level: "county", province: "浙江省", city: "金华市", county: "东阳市" }]);
    expect(regionsNamed("江阴市")).toEqual([expect.objectContaining({ code: "320281", city: "无锡市", province: "江苏省" })]);
  });

  it("finds provinces and prefectures by the short names reports use", () => {
    expect(codes("浙江")).toEqual(["330000"]);
    expect(codes("金华")).toEqual(["330700"]);
    expect(codes("广西")).toEqual(["450000"]);
    expect(codes("内蒙古")).toEqual(["150000"]);
    expect(codes("恩施州")).toEqual(["422800"]);
    expect(codes("黔东南")).toEqual(["522600"]);
    expect(shortForms("黑龙江省")).toEqual(["黑龙江"]);
    expect(regionsNamed("东阳")).toEqual([]);
  });

  it("returns every region a shared name can mean", () => {
    expect(codes("南山区")).toEqual(["230404", "440305"]);
    expect(codes("朝阳区")).toEqual(["110105", "220104"]);
    expect(codes("鼓楼区").length).toBeGreaterThanOrEqual(3);
  });

  it("gives a region's parent chain and looks codes up", () => {
    expect(parentChain(regionByCode("440305")!).map((r) => r.name)).toEqual(["广东省", "深圳市", "南山区"]);
    expect(parentChain(regionByCode("510000")!).map((r) => r.name)).toEqual(["四川省"]);
    expect(regionByCode("110105")).toMatchObject({ name: "朝阳区", province: "北京市", city: "北京市" });
    expect(regionByCode("999999")).toBeNull();
    expect(regionsNamed("仙桃市")).toEqual([expect.objectContaining({ code: "429004", level: "county", province: "湖北省", city: null })]);
  });

  it("places a zone GB/T 2260 does not list on the division whose territory it governs", () => {
    expect(regionsNamed("平潭综合实验区")).toEqual([expect.objectContaining({ code: "350128", name: "平潭县", city: "福州市", province: "福建省" })]);
    expect(regionsNamed("平潭县")).toHaveLength(1);
    expect(leadingPlaceNames("平潭综合实验区市场监督管理局")).toEqual(["平潭综合实验区"]);
  });

  it("reads the place names an organisation's name opens with, longest first", () => {
    expect(leadingPlaceNames("成都市武侯区市场监督管理局")).toEqual(["成都市", "武侯区"]);
    expect(leadingPlaceNames("吉林省吉林市卫生健康委员会")).toEqual(["吉林省", "吉林市"]);
    expect(leadingPlaceNames("卫生健康局")).toEqual([]);
  });
});
