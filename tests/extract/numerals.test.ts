import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chineseNumeral, findNumbers, readFigures } from "../../pipelines/stages/extract/numerals.ts";
import { SAMPLES } from "../helpers/cli.ts";

const one = (text: string) => {
  const tokens = findNumbers(text);
  expect(tokens, `one figure in ${text}`).toHaveLength(1);
  const t = tokens[0]!;
  return { value: t.value, approx: t.approx, redacted: t.redacted, percent: t.percent };
};

describe("Chinese numerals", () => {
  it.each([
    ["一千四百六十一", 1461],
    ["两万", 20000],
    ["十二", 12],
    ["二十", 20],
    ["一百零五", 105],
    ["三千零八", 3008],
    ["十万", 100000],
    ["一亿二千万", 120000000],
    ["二〇二三", 2023],
    ["九", 9],
  ])("%s → %d", (s, n) => expect(chineseNumeral(s)).toBe(n));

  it("is null for what is not a numeral", () => expect(chineseNumeral("若干")).toBeNull());
});

describe("figures in report text", () => {
  it.each([
    ["受理信访件1,461件", 1461],
    ["受理信访件１４６１件", 1461],
    ["收缴罚金126.27万元", 1262700],
    ["完成投资5.15亿元", 515000000],
    ["罚款3,000元", 3000],
    ["共办理3.5万件", 35000],
    ["共受理一千四百六十一件", 1461],
    ["接到群众来电两万件", 20000],
    ["办理十二件", 12],
  ])("%s → %d", (text, value) => expect(one(text)).toMatchObject({ value, approx: "exact", redacted: false }));

  it.each([
    ["压缩比96.94%", 96.94],
    ["满意率达百分之九十", 90],
    ["九成事项实现即办", 90],
    ["网办率１００％", 100],
  ])("percent %s → %d", (text, value) => expect(one(text)).toMatchObject({ value, percent: true }));

  it.each([
    ["接待来访700余人次", 700, "approx"],
    ["受理2万多件", 20000, "approx"],
    ["约300件", 300, "approx"],
    ["近500件", 500, "approx"],
    ["500件左右", 500, "exact"],
    ["压缩90%以上", 90, "at_least"],
    ["超过200家", 200, "at_least"],
    ["逾千", null, null],
    ["不到50件", 50, "at_most"],
    ["不超过15个工作日", 15, "at_most"],
  ])("qualifier in %s", (text, value, approx) => {
    if (value === null) expect(findNumbers(text)).toHaveLength(0);
    else expect(one(text)).toMatchObject({ value, approx });
  });

  it.each(["**件", "***宗", "X件", "××家", "****万元"])("masked %s is redacted with no value", (text) => {
    expect(one(text)).toMatchObject({ value: null, redacted: true });
  });

  it.each(["数十件", "若干件", "百余件", "二十余件", "千余人次", "一是加强学习", "十九大精神", "第三季度", "一件事一次办"])("%s gives no figure", (text) =>
    expect(findNumbers(text).filter((t) => t.value !== null || t.redacted)).toHaveLength(0),
  );
});

describe("where figures start", () => {
  it("reading only where figureStarts points finds every figure the grammar reads from any position", () => {
    const texts = [
      ...readdirSync(SAMPLES)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => readFileSync(join(SAMPLES, f), "utf8")),
      readFileSync(join(import.meta.dirname, "families.test.ts"), "utf8"),
      "约百分之九十五，近三成，不超过十五个工作日，超过2万多件，XX件与**宗，一千四百六十一人次，第十二件，十九大，12345热线",
    ];
    for (const text of texts) {
      const everywhere = readFigures(
        text,
        Array.from({ length: text.length }, (_, i) => i),
      );
      expect(findNumbers(text)).toEqual(everywhere);
      expect(everywhere.length).toBeGreaterThan(5);
    }
  });
});
