// Extraction time grows linearly with its input: doubling a hostile input from 512 KB to 1 MB at most
// about doubles the time (a quadratic path would take four times as long). Each input family is one a
// report, a fuzzer or an attacker can send: asides without end, the same clause a thousand times, lists,
// brackets, runs of numerals, masks, commas, headings, quoted items. Times are CPU times, the best of
// three batches, measured within this one run, so other processes on the machine do not decide the outcome.
import { describe, expect, it } from "vitest";
import { extractReport } from "../../pipelines/stages/extract/index.ts";

const MB = 1 << 20;

/** text of about `bytes` UTF-8 bytes, repeating `unit` between a head and a tail */
const repeat = (bytes: number, unit: string, head = "", tail = "") => head + unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))) + tail;

const INPUTS: Array<[string, (bytes: number) => string]> = [
  ["an aside that never ends: 共受理信访(含)(含)…", (b) => repeat(b, "(含)", "共受理信访")],
  ["one clause many times: 受理信访12件…", (b) => repeat(b, "受理信访12件")],
  ["totals and their lists: 受理信访12件，其中来信3件…", (b) => repeat(b, "受理信访12件，其中来信3件、医疗纠纷2件")],
  ["a topic list with no end", (b) => repeat(b, "医患纠纷1件、", "按反映内容分，")],
  ["brackets opened and never closed", (b) => repeat(b, "（受理信访12件")],
  ["a run of Chinese numerals", (b) => repeat(b, "一二三四五六七八九十", "受理信访", "件")],
  ["a run of digits and commas", (b) => repeat(b, "1,", "罚款", "元")],
  ["masks", (b) => repeat(b, "*", "罚款", "万元")],
  ["spaces between a cue and its figure", (b) => repeat(b, " ", "受理信访", "12件")],
  ["headings of plans", (b) => repeat(b, "一、下一步工作计划\n受理信访12件。\n二、工作情况\n")],
  ["quoted approval items", (b) => repeat(b, "“许可”和", "时限由", "15个工作日压缩至5个工作日")],
  ["a signature block of short lines", (b) => repeat(b, "\n卫生健康局\n2023年1月5日\n")],
  ["line breaks alone", (b) => repeat(b, "\n")],
  ["lines wrapped mid-sentence, blank lines between", (b) => repeat(b, "全年共受理信访事项12件，其中来信3件、来访4件、网上信访5\n\n")],
];

const extract = (text: string) => extractReport({ text, page: { title: null, published_date: null, org: null }, site_host: null });

/** CPU ms of one extraction: the best of three batches, each repeated until it has taken 40 ms or more. */
function cpuMs(text: string): number {
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    const start = process.cpuUsage();
    let runs = 0;
    let ms = 0;
    while (ms < 40) {
      extract(text);
      runs++;
      const used = process.cpuUsage(start);
      ms = (used.user + used.system) / 1000;
    }
    best = Math.min(best, ms / runs);
  }
  return best;
}

describe("extraction time is linear in the input", () => {
  it.each(INPUTS)("%s: 1 MB takes at most ~2× what 512 KB takes", (_, make) => {
    const [small, large] = [make(MB / 2), make(MB)];
    // a busy machine can slow one measurement; a quadratic path is slow in every one, so the best of three is kept
    const tries: string[] = [];
    let ratio = Infinity;
    for (let attempt = 0; attempt < 3 && ratio > 2.5; attempt++) {
      const [half, whole] = [cpuMs(small), cpuMs(large)];
      ratio = Math.min(ratio, whole / half);
      tries.push(`512 KB ${half.toFixed(1)} ms, 1 MB ${whole.toFixed(1)} ms`);
    }
    expect(ratio, tries.join("; ")).toBeLessThanOrEqual(2.5);
  });
});
