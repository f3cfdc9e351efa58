// The consistency checks of disclosure reports' tables, through the whole pipeline into the warehouse:
// loaded beside the facts, replaced with them, published as Parquet and read back by `govkpi query`.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, REPO, tempDir } from "../helpers/cli.ts";

const FIXTURES = join(REPO, "tests", "fixtures", "disclosure-tables");

const query = async (data: string, sql: string) => {
  const r = await govkpi(["query", sql, "--format", "json", "--data", data]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe("checks in the warehouse", () => {
  it("loads every report's checks, failures with their numbers, and a second run changes nothing", async () => {
    const input = tempDir();
    const data = tempDir();
    copyFileSync(join(FIXTURES, "report.html"), join(input, "anji-2022.html"));
    copyFileSync(join(FIXTURES, "flattened-pingtan-gongan-2021.txt"), join(input, "gongan-2021.txt"));
    const sql = `SELECT r.file_name, count(*)::INTEGER AS checks, count(*) FILTER (WHERE NOT c.passed)::INTEGER AS failed,
      list(c.subject || ':' || c.expected::INTEGER || ':' || c.actual::INTEGER ORDER BY c.subject) FILTER (WHERE NOT c.passed) AS failures
      FROM checks c JOIN reports r USING (report_id) GROUP BY r.file_name ORDER BY r.file_name`;
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    const first = await query(data, sql);
    expect(first).toEqual([
      { file_name: "anji-2022.html", checks: 43, failed: 0, failures: null },
      { file_name: "gongan-2021.txt", checks: 42, failed: 2, failures: ["总计:2:1", "自然人:2:1"] },
    ]);
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    expect(await query(data, sql)).toEqual(first);
    const [row] = await query(data, "SELECT name, passed, detail, report_year::INTEGER AS report_year, org_name FROM checks WHERE name = 'prose_vs_table'");
    expect(row).toEqual({
      name: "prose_vs_table",
      passed: true,
      detail: "全年共收到政府信息公开申请58件",
      report_year: 2022,
      org_name: "安吉县市场监督管理局",
    });
  });
});
