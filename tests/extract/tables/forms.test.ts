// One report in every form its tables reach the pipeline: a web page with <table>s (colspan/rowspan as the
// official template has them) inside site chrome, the same report as DOCX and PDF made by LibreOffice, as
// markdown rows and as one cell a line. `govkpi extract` (the real CLI) must give the same table facts from
// each, and the right ones, with every sum of the template checked and passing.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO } from "../../helpers/cli.ts";

const DIR = join(REPO, "tests", "fixtures", "disclosure-tables");
const FORMS = ["report.html", "report.pdf", "report.docx", "report.md", "report-cells.txt"];

/** What the tables of report.html say, read off the page by hand. */
const EXPECTED = [
  ["approvals.licensing_decisions", 1865, null],
  ["disclosure.fees", 123_500, null],
  ["disclosure.normative_in_force", 12, null],
  ["disclosure.normative_issued", 3, null],
  ["disclosure.requests", 58, null],
  ["disclosure.requests_carried_in", 3, null],
  ["disclosure.requests_carried_out", 3, null],
  ["disclosure.requests_closed", 58, null],
  ["disclosure.requests_granted", 25, null],
  ["disclosure.requests_partly_granted", 7, null],
  ["disclosure.rules_in_force", 0, null],
  ["disclosure.rules_issued", 0, null],
  ["disputes.lawsuits", 2, "政府信息公开"],
  ["disputes.lawsuits_after_review", 1, "政府信息公开"],
  ["disputes.lawsuits_corrected", 0, "政府信息公开"],
  ["disputes.reconsiderations", 4, "政府信息公开"],
  ["disputes.reconsiderations_corrected", 1, "政府信息公开"],
  ["penalties.coercive_decisions", 37, null],
  ["penalties.decisions", 412, null],
];

interface Line {
  type: string;
  doc: string;
  metric?: string;
  value?: number;
  scope?: string | null;
  evidence?: string;
  name?: string;
  passed?: boolean | null;
}

describe("govkpi extract on the same report as HTML, PDF, DOCX, markdown and one cell a line", async () => {
  const run = await govkpi(["extract", ...FORMS.map((f) => join(DIR, f))]);
  const lines: Line[] = run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const tableMetrics = new Set(EXPECTED.map(([m]) => m));

  it("runs without an error", () => expect(run.code, run.stderr).toBe(0));

  for (const form of FORMS) {
    it(`reads the tables of ${form}`, () => {
      const facts = lines
        .filter((l) => l.type === "fact" && l.doc === form && tableMetrics.has(l.metric!) && (l.metric!.startsWith("disputes.") ? l.scope : true))
        .map((l) => [l.metric, l.value, l.scope])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(facts).toEqual(EXPECTED);
      const checks = lines.filter((l) => l.type === "check" && l.doc === form && l.name !== "prose_vs_table");
      expect(checks).toHaveLength(25 + 7 + 7 + 3);
      expect(checks.filter((c) => c.passed !== true)).toEqual([]);
    });
  }

  it("keeps the prose that restates a cell as one fact (收到政府信息公开申请58件) and the one that does not (行政诉讼3件)", () => {
    const html = lines.filter((l) => l.doc === "report.html");
    expect(html.filter((l) => l.type === "fact" && l.metric === "disclosure.requests")).toHaveLength(1);
    expect(html.filter((l) => l.type === "fact" && l.metric === "disputes.lawsuits").map((l) => [l.value, l.scope])).toEqual(
      expect.arrayContaining([
        [2, "政府信息公开"],
        [3, null],
      ]),
    );
    expect(html.find((l) => l.type === "check" && l.name === "prose_vs_table")).toMatchObject({ passed: true, expected: 58, actual: 58 });
  });

  it("reads nothing from the site's own tables (a visit counter in the sidebar)", () => {
    expect(lines.filter((l) => l.type === "fact" && /访问量|1234567/.test(l.evidence ?? ""))).toEqual([]);
  });
});
