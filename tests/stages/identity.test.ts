// Report identity on renderings whose texts are near duplicates: what their figures say.
import { describe, expect, it } from "vitest";
import { figuresOf, type RenderingKey, sameReport } from "../../pipelines/stages/load/identity.ts";

const FINGERPRINT = Array.from({ length: 64 }, (_, i) => i * 7919);
const key = (over: Partial<RenderingKey>): RenderingKey => ({
  fingerprint: FINGERPRINT,
  org_name: null,
  report_year: 2023,
  title: null,
  figures: null,
  ...over,
});

describe("report identity and figures", () => {
  it("keeps apart two bodies' reports of one template when no organisation was found: their figures differ", () => {
    const a = key({ figures: figuresOf([801, 1, 0, 0, 81, 12, 3, 96.5]) });
    const b = key({ figures: figuresOf([412, 7, 0, 0, 33, 5, 2, 88]) });
    expect(sameReport(a, b)).toBeNull();
  });

  it("joins an HTML page and its PDF whose figures agree, however many zeros fill the tables or an OCR misread", () => {
    const html = key({ figures: figuresOf([801, 1, 0, 0, 0, 81, 12, 3, 96.5]) });
    const pdf = key({ figures: figuresOf([801, 1, 0, 81, 12, 3, 965]) });
    expect(sameReport(html, pdf)).toBe(1);
  });

  it("joins a short summary page with its full report: the summary's figures are the report's", () => {
    const summary = key({ figures: figuresOf([801, 81, 12]) });
    const full = key({ figures: figuresOf([801, 1, 81, 12, 3, 96.5, 40, 17]) });
    expect(sameReport(summary, full)).toBe(1);
  });

  it("says nothing with fewer than three figures a side, or figures unknown (loaded before they were kept)", () => {
    expect(sameReport(key({ figures: [] }), key({ figures: figuresOf([1, 2, 3]) }))).toBe(1);
    expect(sameReport(key({ figures: null }), key({ figures: figuresOf([1, 2, 3]) }))).toBe(1);
    expect(sameReport(key({ figures: figuresOf([5, 6]) }), key({ figures: figuresOf([7, 8]) }))).toBe(1);
  });
});
