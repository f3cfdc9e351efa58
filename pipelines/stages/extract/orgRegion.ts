// The region an organisation's name places it in: its place names read from the front (深圳市南山区…),
// after a national body or party prefix (国家税务总局杭州市税务局, 中共东阳市委). A name several regions
// share (南山区) is settled by the parents the report names or by the site's host, or not at all.
import { pinyin } from "pinyin-pro";
import { leadingPlaceNames, parentChain, regionsNamed, shortForms, within, type Region } from "../../../schemas/regions.ts";

export interface PlaceContext {
  text: string;
  site_host: string | null;
}

const PREFIX = /^(?:国家[\u4e00-\u9fa5]{2,10}?总局|中国共产党|中共)/;

export const placeNamesOf = (name: string): string[] => leadingPlaceNames(name.replace(PREFIX, ""));

const spokenForms = (r: Region): string[] => (r.level === "county" ? [r.name.replace(/(?:区|县|市|旗)$/, "")] : shortForms(r.name));

/** Whether the text names a division above `r` other than by the ambiguous name itself ("深圳" for 南山区). */
function textNamesParent(r: Region, ambiguous: string, text: string): boolean {
  const parents = parentChain(r).filter((p) => p.code !== r.code);
  return parents.flatMap((p) => [p.name, ...shortForms(p.name)]).some((n) => n !== ambiguous && text.includes(n));
}

const spelled = (s: string, pattern: "pinyin" | "first") => pinyin(s, { pattern, toneType: "none", type: "array" }).join("").toLowerCase();

/** Whether a host label spells a division of `r`'s chain: shenzhen, sz, or sz+ns (www.szns.gov.cn). */
function hostNames(r: Region, host: string): boolean {
  const forms = parentChain(r).map((p) => spokenForms(p)[0] ?? p.name);
  const initials = forms.map((f) => spelled(f, "first"));
  const whole = forms.map((f) => spelled(f, "pinyin")).filter((w) => w.length >= 4);
  const joined = initials.slice(1).map((ini, i) => initials[i]! + ini);
  const labels = host
    .toLowerCase()
    .split(".")
    .filter((l) => !/^(?:www\d*|gov|cn|com|org|net|edu)$/.test(l));
  return labels.some((l) => [...initials, ...joined].includes(l) || whole.some((w) => l.includes(w)));
}

function settle(candidates: Region[], name: string, context: PlaceContext): Region | null {
  const named = candidates.filter((r) => textNamesParent(r, name, context.text));
  if (named.length === 1) return named[0]!;
  const pool = named.length ? named : candidates;
  const hosted = context.site_host ? pool.filter((r) => hostNames(r, context.site_host!)) : [];
  return hosted.length === 1 ? hosted[0]! : null;
}

/** The most specific region the place names lead to, or null when one of them stays ambiguous. */
export function regionOf(placeNames: string[], context: PlaceContext): Region | null {
  let region: Region | null = null;
  for (const name of placeNames) {
    const candidates = regionsNamed(name).filter((r) => !region || (within(r, region) && r.code !== region.code));
    const next = candidates.length === 1 ? candidates[0]! : settle(candidates, name, context);
    if (!next) return candidates.length ? null : region;
    region = next;
  }
  return region;
}

/** The level of the last place name when every region it can mean shares it (南山区: county, wherever it is). */
export function levelOf(placeNames: string[]): Region["level"] | null {
  const levels = new Set(regionsNamed(placeNames.at(-1) ?? "").map((r) => r.level));
  return levels.size === 1 ? [...levels][0]! : null;
}
