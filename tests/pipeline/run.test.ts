import { copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet, warehouseContents } from "../helpers/warehouse.ts";

const SEEDS = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"));

describe("govkpi run on the bundled samples", () => {
  it("builds the warehouse, and a second run changes nothing", async () => {
    const data = tempDir();
    const first = await govkpi(["run", "--data", data]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`this run: ${SEEDS.length} reports collected, 0 unchanged`));
    const before = await warehouseContents(data);
    expect(before.reports.map((r) => r.file_name).sort()).toEqual(SEEDS.sort());
    expect(before.reports.every((r) => /^[0-9a-f]{24}$/.test(String(r.report_id)))).toBe(true);

    const second = await govkpi(["run", "--data", data]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`${SEEDS.length} unchanged`));
    expect(await warehouseContents(data)).toEqual(before);
  });

  it("partitions Parquet by year and an ASCII province code, never a null partition", async () => {
    const data = tempDir();
    expect((await govkpi(["run", "--data", data])).code).toBe(0);
    const rows = await readParquet(data, "SELECT DISTINCT report_year, province, year, province_code FROM reports ORDER BY ALL");
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      expect(Number(r.year)).toBe(r.report_year ?? 0);
      expect(r.province_code).toMatch(r.province === null ? /^unknown$/ : /^CN-[A-Z]{2}$/);
    }
    expect(rows).toContainEqual(expect.objectContaining({ province: "浙江省", province_code: "CN-ZJ" }));
    const folders = await readParquet(data, `SELECT file FROM glob('${join(data, "warehouse/current/*/**/*.parquet")}')`);
    for (const { file } of folders) expect(String(file)).toMatch(/^[\x20-\x7e]+$/);
    expect(folders.some(({ file }) => /\/facts\/year=\d{4}\/province_code=CN-[A-Z]{2}\/part-[0-9a-f-]{36}\.parquet$/.test(String(file)))).toBe(true);
  });

  it("replaces a report's facts when its text changes, keeping one report per source", async () => {
    const input = tempDir();
    const data = tempDir();
    const file = join(input, "report.txt");
    copyFileSync(join(SAMPLES, SEEDS[0]!), file);
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    const [old] = await readParquet(data, "SELECT report_id FROM reports");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n附件:无\n`);
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    const reports = await readParquet(data, "SELECT report_id FROM reports");
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report_id).not.toBe(old!.report_id);
    const stale = await readParquet(data, `SELECT count(*) AS n FROM facts WHERE report_id = '${old!.report_id}'`);
    expect(Number(stale[0]!.n)).toBe(0);
  });

  it("dead-letters bad files with a reason and goes on", async () => {
    const input = tempDir();
    const data = tempDir();
    copyFileSync(join(SAMPLES, SEEDS[0]!), join(input, "good.txt"));
    writeFileSync(join(input, "empty.txt"), "");
    writeFileSync(join(input, "binary.txt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x7f, 0x00]));
    // a label no decoder knows is no longer fatal when the bytes are evidently UTF-8; Japanese text is (not a Chinese report's encoding)
    writeFileSync(
      join(input, "japanese.txt"),
      iconv.encode("令和5年度の行政手続きに関する報告書です。市役所では住民の皆様からの相談を受け付けました。".repeat(3), "shift_jis"),
    );
    writeFileSync(join(input, "notes.xyz"), "not a report");
    const run = await govkpi(["run", "--input", input, "--data", data]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("skipped notes.xyz: not a report file");
    expect(run.stdout).toMatch(/1 loaded, 3 errors \(dead letters\), 1 files skipped/);
    expect(run.stderr).toMatch(/error: parse: file:.*empty\.txt: empty file/);
    const letters = await readParquet(data, "SELECT stage, reason, source_url FROM dead_letters ORDER BY source_url");
    expect(letters).toHaveLength(3);
    expect(letters[0]).toMatchObject({ stage: "parse", reason: expect.stringMatching(/binary/) });
    expect(letters[1]).toMatchObject({ stage: "parse", reason: expect.stringMatching(/empty/) });
    expect(letters[2]).toMatchObject({ stage: "parse", reason: expect.stringMatching(/Japanese/) });
    const again = await govkpi(["run", "--input", input, "--data", data]);
    expect(again.code).toBe(0);
    expect(await readParquet(data, "SELECT stage FROM dead_letters")).toHaveLength(3);
  });

  it("exits 2 naming a missing input folder", async () => {
    const run = await govkpi(["run", "--input", "/nonexistent/reports", "--data", tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("input folder not found: /nonexistent/reports");
  });
});

describe("govkpi run on a folder it has seen", () => {
  const hourAgo = new Date(Date.now() - 3600_000);

  it("does not read files whose size and mtime are unchanged, and reads them again once touched", async () => {
    const input = tempDir();
    const data = tempDir();
    for (const seed of SEEDS) {
      copyFileSync(join(SAMPLES, seed), join(input, seed));
      utimesSync(join(input, seed), hourAgo, hourAgo);
    }
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    const before = await warehouseContents(data);
    // same size, same mtime, other bytes: a run that read it would load a different report
    const file = join(input, SEEDS[0]!);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("工作", "业务"));
    utimesSync(file, hourAgo, hourAgo);
    const unread = await govkpi(["run", "--input", input, "--data", data]);
    expect(unread.stdout).toMatch(new RegExp(`${SEEDS.length} reports collected, ${SEEDS.length} unchanged`));
    expect(await warehouseContents(data)).toEqual(before);

    utimesSync(file, new Date(), new Date());
    const touched = await govkpi(["run", "--input", input, "--data", data]);
    expect(touched.stdout).toMatch(/, 1 loaded, 0 errors/);
    expect(await warehouseContents(data)).not.toEqual(before);
  });

  it("knows a moved folder's reports by their content: nothing is loaded again", async () => {
    const input = tempDir();
    const data = tempDir();
    for (const seed of SEEDS) copyFileSync(join(SAMPLES, seed), join(input, seed));
    expect((await govkpi(["run", "--input", input, "--data", data])).code).toBe(0);
    const moved = tempDir();
    for (const seed of SEEDS) copyFileSync(join(input, seed), join(moved, seed));
    const again = await govkpi(["run", "--input", moved, "--data", data]);
    expect(again.stdout).toMatch(new RegExp(`${SEEDS.length} reports collected, ${SEEDS.length} unchanged .*, 0 loaded`));
  });
});
