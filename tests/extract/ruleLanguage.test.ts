// The rule language is safe by construction: a misspelt metric code fails tsc, and a rule whose figures
// lack a unit, whose unit disagrees with its metric, or which could never be looked up fails when its
// module loads. Then the units at work: working days are never counted as items.
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../pipelines/stages/extract/facts.ts";
import { list, rule } from "../../pipelines/stages/extract/kpiRules/rule.ts";

describe("rules are checked when they are made", () => {
  it("takes only the registry's codes", () => {
    // @ts-expect-error a misspelt code is a type error, and unknown at run time
    expect(() => rule("legal.review", "合法性审查{gap}#{count}")).toThrow(/unknown metric code legal.review/);
  });

  it("needs a unit placeholder after every figure", () => {
    expect(() => rule("legal.reviews", "合法性审查{gap}#(?:件|个)")).toThrow(/needs a unit placeholder/);
    expect(() => rule("legal.reviews", "合法性审查{gap}#")).toThrow(/needs a unit placeholder/);
  });

  it("needs the unit to agree with the metric's", () => {
    expect(() => rule("legal.reviews", "合法性审查{gap}#{day}")).toThrow(/in day but legal.reviews is in count/);
    expect(() => rule("approvals.time_cut_ratio", "压缩比{gap}#{count}")).toThrow(/in count but approvals.time_cut_ratio is in percent/);
    expect(() => rule("legal.reviews", "合法性审查{gap}#{count:元}")).toThrow(/元 is not a count unit/);
    expect(() => rule(["approvals.days_before", "approvals.days_after"], "时限由#{day}压缩至#{count}", { qualify: () => null })).toThrow(
      /figure 2 is in count/,
    );
  });

  it("needs one metric per figure", () => expect(() => rule("legal.reviews", "合法性审查#{count}和#{count}")).toThrow(/2 figure\(s\) for 1 metric/));

  it("knows its placeholders and named groups", () => {
    expect(() => rule("legal.reviews", "合法性审查{gaps}#{count}")).toThrow(/unknown placeholder \{gaps\}/);
    expect(() => rule("legal.reviews", "(?<x>合法性审查)#{count}")).toThrow(/only named groups/);
    expect(() => rule("legal.reviews", "(?<q>合法性审查)#{count}")).toThrow(/carries no qualifier/);
    expect(() => rule("petitions.by_topic", "反映{gap}#{count}")).toThrow(/needs a q group or qualify/);
  });

  it("needs a cue word every match holds, so the rule can be looked up", () => {
    expect(() => rule("legal.reviews", "(?:审查)?#{count}")).toThrow(/no cue word/);
    expect(() => rule("legal.reviews", "(?:合法性审查|审)#{count}")).toThrow(/no cue word/);
    expect(rule("legal.reviews", "(?:合法性审查|法制审核)(?:文件)?{gap}#{count}").words).toEqual(["合法性审查", "法制审核"]);
  });

  it("tests context and unless, never iterates them", () =>
    expect(() => rule("legal.reviews", "合法性审查#{count}", { unless: /答复/g })).toThrow(/no g or y flag/));

  it("checks lists the same way", () => {
    expect(() => list("approvals.time_cut_ratio", { opens: "其中", notItem: /^$/, nameIs: "scope" })).toThrow(/items are counts/);
    expect(() => list("disclosure.proactive", { opens: "(?:其)?中", notItem: /^$/, nameIs: "scope" })).toThrow(/no cue word/);
  });
});

describe("units keep figures apart", () => {
  it.each([
    ["合法性审查时限压缩为5个工作日。", "legal.reviews"],
    ["即办事项办理时限不超过2个工作日。", "approvals.instant_items"],
    ["行政复议案件审理期限缩短至30个工作日。", "disputes.reconsiderations"],
    ["12345热线工单办理时限压缩至3个工作日。", "petitions.calls"],
  ])("a number of working days is no count: %s", (text, metric) => expect(extractFacts(text).filter((f) => f.metric === metric)).toEqual([]));

  it("still counts 个 where it counts things", () =>
    expect(extractFacts("即办事项增加到41个，合法性审查文件12个。").map((f) => [f.metric, f.value])).toEqual([
      ["approvals.instant_items", 41],
      ["legal.reviews", 12],
    ]));
});
