// One report, three renderings, one table: `govkpi extract` on a disclosure report as the HTML page with the
// template's tables (rowspan/colspan), as that page saved as DOCX by LibreOffice and as the DOCX's PDF
// (tests/fixtures/table-forms) gives the same table facts, among them every table cell the gold names.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CELL_METRICS } from "../../../pipelines/stages/extract/tables/template.ts";
import { govkpi, REPO } from "../../helpers/cli.ts";

const FORMS = join(REPO, "tests", "fixtures", "table-forms");
const RENDERINGS = ["html", "docx", "pdf"];
const TABLE_METRICS = new Set<string>(CELL_METRICS.map((c) => c.metric));
const names = readdirSync(join(FORMS, "gold"))
  .filter((f) => f.endsWith(".jsonl"))
  .map((f) => f.slice(0, -6))
  .sort();

interface Line {
  type: string;
  doc: string;
  metric?: string;
  value?: number | null;
  scope?: string | null;
  approx?: string;
  name?: string;
  subject?: string;
  passed?: boolean | null;
  evidence?: string;
}

const tableFacts = (lines: Line[]) =>
  lines
    .filter((l) => l.type === "fact" && TABLE_METRICS.has(l.metric!))
    .map((l) => `${l.metric} ${l.value} ${l.approx} ${l.scope ?? ""}`)
    .sort();
/** the gold's table cells: their evidence is the row's label and its numbers (table-forms/README.md, Gold) */
const isTableRow = (evidence: string) => /^[^\d\s]*\d?[^\d\s]*( -?\d+(\.\d+)?)+$/.test(evidence);

describe("govkpi extract: the same report as HTML, DOCX and PDF", () => {
  it.each(names)(
    "%s gives the same table facts from every rendering",
    async (name) => {
      const files = RENDERINGS.map((form) => join(FORMS, form, `${name}.${form}`));
      const run = await govkpi(["extract", ...files]);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Line);
      const of = (form: string) => lines.filter((l) => l.doc === `${name}.${form}`);
      const gold = readFileSync(join(FORMS, "gold", `${name}.jsonl`), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Line);

      const cells = tableFacts(gold.filter((f) => isTableRow(f.evidence!)).map((f) => ({ ...f, type: "fact" })));
      expect(cells.length).toBeGreaterThan(10);
      const html = tableFacts(of("html"));
      expect(html).toEqual(expect.arrayContaining(cells));
      for (const form of RENDERINGS.slice(1)) {
        expect(
          of(form).find((l) => l.type === "report"),
          form,
        ).toMatchObject({ status: "parsed" });
        expect(tableFacts(of(form)), form).toEqual(html);
      }
    },
    120_000,
  );
});
