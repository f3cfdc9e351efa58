// Report identity through the whole pipeline: renderings of one report (made by real tools, see
// tests/fixtures/renderings) load as one report with one set of facts, the best rendering's; identical
// texts from two files never flip the warehouse between them.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO, SAMPLES, SHARED, tempDir } from "../helpers/cli.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

const RENDERINGS = join(REPO, "tests", "fixtures", "renderings");
const GOLD = join(SHARED, "kpi", "gold");

/** The gold's fact count for a seed when ../shared is there, else what its plain text gives. */
async function expectedFacts(seed: string): Promise<number> {
  const gold = join(GOLD, `${seed}.jsonl`);
  if (existsSync(gold))
    return readFileSync(gold, "utf8")
      .split("\n")
      .filter((l) => l.trim()).length;
  const input = tempDir();
  copyFileSync(join(SAMPLES, `${seed}.txt`), join(input, `${seed}.txt`));
  const data = tempDir();
  await govkpi(["run", "--input", input, "--data", data]);
  return Number((await readParquet(data, "SELECT fact_count FROM reports"))[0]!.fact_count);
}

const run = async (input: string, data: string) => {
  const r = await govkpi(["run", "--input", input, "--data", data]);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

const roles = (data: string) => readParquet(data, "SELECT report_id, file_name, role FROM renderings ORDER BY file_name");

describe("one report, many renderings", () => {
  it("the same report as HTML, PDF and DOCX in one folder loads as one report with the gold's fact count", async () => {
    const seed = "nantong-health-2023";
    const input = tempDir();
    for (const [kind, ext] of [
      ["u3000-indent-html", "html"],
      ["chromium-pdf", "pdf"],
      ["libreoffice-docx", "docx"],
    ]) {
      copyFileSync(join(RENDERINGS, kind!, `${seed}.${ext}`), join(input, `${seed}.${ext}`));
    }
    const data = tempDir();
    await run(input, data);
    const reports = await readParquet(data, "SELECT report_id, file_name, fact_count, org_name, report_year FROM reports");
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ fact_count: await expectedFacts(seed), org_name: "南通市卫生健康委员会", report_year: 2023 });
    expect((await readParquet(data, "SELECT count(*)::INTEGER AS n FROM facts"))[0]!.n).toBe(reports[0]!.fact_count);
    const linked = await roles(data);
    expect(linked.map((r) => r.report_id)).toEqual([reports[0]!.report_id, reports[0]!.report_id, reports[0]!.report_id]);
    // the page and the Word file hold the very same text: one of them is a duplicate of the other
    expect(linked.map((r) => r.role).sort()).toEqual(["duplicate", "rendering", "winner"]);
    // the PDF's rebuilt layout never stands for the report when the author's text is there
    expect(linked.find((r) => r.role === "winner")!.file_name).not.toMatch(/\.pdf$/);

    const before = await warehouseContents(data);
    const again = await run(input, data);
    expect(again.stdout).toMatch(/3 reports collected, 3 unchanged/);
    expect(await warehouseContents(data)).toEqual(before);
  });

  it("two files with the same text: the first stands, the other is a duplicate, re-runs change nothing", async () => {
    const input = tempDir();
    const text = readFileSync(join(SAMPLES, "dongyang-health-2022.txt"));
    writeFileSync(join(input, "a-report.txt"), text);
    writeFileSync(join(input, "b-copy.txt"), Buffer.concat([text, Buffer.from("\n\n")]));
    const data = tempDir();
    await run(input, data);
    const first = await roles(data);
    expect(first.map((r) => [r.file_name, r.role])).toEqual([
      ["a-report.txt", "winner"],
      ["b-copy.txt", "duplicate"],
    ]);
    const reports = await readParquet(data, "SELECT report_id, file_name FROM reports");
    expect(reports).toEqual([{ report_id: first[0]!.report_id, file_name: "a-report.txt" }]);
    for (let i = 0; i < 2; i++) {
      const again = await run(input, data);
      expect(again.stdout).toMatch(/2 reports collected, 2 unchanged/);
      expect(await readParquet(data, "SELECT report_id, file_name FROM reports")).toEqual(reports);
      expect(await roles(data)).toEqual(first);
    }
  });

  it("a better rendering that comes later replaces the facts under the report's id; a worse one never does", async () => {
    const seed = "nanshan-health-2024";
    const input = tempDir();
    const data = tempDir();
    copyFileSync(join(RENDERINGS, "two-column-chromium", `${seed}.pdf`), join(input, `${seed}.pdf`));
    await run(input, data);
    const [pdf] = await readParquet(data, "SELECT report_id, file_name FROM reports");
    copyFileSync(join(RENDERINGS, "u3000-indent-html", `${seed}.html`), join(input, `${seed}.html`));
    await run(input, data);
    const reports = await readParquet(data, "SELECT report_id, file_name, fact_count FROM reports");
    expect(reports).toEqual([{ report_id: pdf!.report_id, file_name: `${seed}.html`, fact_count: await expectedFacts(seed) }]);
    expect((await roles(data)).map((r) => [r.file_name, r.role])).toEqual([
      [`${seed}.html`, "winner"],
      [`${seed}.pdf`, "rendering"],
    ]);

    // the full-width copy (same text once normalised, same id) ties with the page, which keeps its place
    copyFileSync(join(RENDERINGS, "fullwidth-docx", `${seed}.docx`), join(input, `${seed}.docx`));
    await run(input, data);
    expect(await readParquet(data, "SELECT report_id, file_name, fact_count FROM reports")).toEqual(reports);
  });
});
