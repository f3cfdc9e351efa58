// Extraction time grows linearly with its input: doubling a hostile input from 512 KB to 1 MB at most
// about doubles the time (a quadratic path would take four times as long). Each input family is one a
// report, a fuzzer or an attacker can send: asides without end, the same clause a thousand times, lists,
// brackets, runs of numerals, masks, commas, headings, quoted items. Times are CPU times, the best of
// three batches, measured within this one run, so other processes on the machine do not decide the outcome.
import { describe, expect, it } from "vitest";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { MB, repeat, timeRatio } from "../helpers/linearity.ts";

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

describe("extraction time is linear in the input", () => {
  it.each(INPUTS)("%s: 1 MB takes at most ~2.5× what 512 KB takes", async (_, make) => {
    const { ratio, tries } = await timeRatio(extract, make(MB / 2), make(MB), 2.5);
    expect(ratio, tries).toBeLessThanOrEqual(2.5);
  });
});
