// The run solver on runs from real reports (../shared/corpus/real) and the catalogue's examples: a cell is
// read only when every split the format and the template's sums allow gives it the same value.
import { describe, expect, it } from "vitest";
import { agreed, type RowSum, solveTable, splitRow } from "../../../pipelines/stages/extract/tables/solver.ts";

const counts = (n: number) => Array.from({ length: n }, () => ({}));
/** 三: six applicant columns add up to 总计 */
const APPLICANTS: RowSum[] = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
/** 四: three groups of 维持 + 纠正 + 其他 + 尚未审结 = 总计 */
const GROUPS: RowSum[] = [0, 5, 10].map((g) => ({ parts: [g, g + 1, g + 2, g + 3], total: g + 4 }));

const readRow = (run: string, specs = counts(7), sums = APPLICANTS) => {
  const tokens = run.trim().split(/\s+/);
  const r = splitRow(tokens, false, specs, sums);
  return { ...r, cells: agreed(r.splits, specs.length) };
};

describe("one row", () => {
  it("reads 一、本年新收…801000081 as 80, 1, 0, 0, 0, 0, 81 (the only split whose applicants add up)", () => {
    expect(readRow("801000081").cells).toEqual([80, 1, 0, 0, 0, 0, 81]);
  });

  it("reads only the total of 220000022, which both 2|20|…|22 and 22|0|…|22 give", () => {
    const r = readRow("220000022");
    expect(r.splits).toEqual(
      expect.arrayContaining([
        [2, 20, 0, 0, 0, 0, 22],
        [22, 0, 0, 0, 0, 0, 22],
      ]),
    );
    expect(r.cells).toEqual([undefined, undefined, 0, 0, 0, 0, 22]);
  });

  it("takes spaces as cell boundaries only when they separate every cell; stray ones say nothing", () => {
    // 2019 二 (上一年项目数量 | 本年增/减 | 处理决定数量): 0 28 0 is three cells, 0 280 is 0|2|80 or 0|28|0
    const item = [{}, { signed: true }, {}];
    expect(readRow("0 28 0", item, []).cells).toEqual([0, 28, 0]);
    expect(readRow("0 280", item, []).cells).toEqual([0, undefined, undefined]);
  });

  it("reads runs with stray spaces (230 000023, 23 0 00 0 023)", () => {
    expect(readRow("230 000023").cells).toEqual([23, 0, 0, 0, 0, 0, 23]);
    expect(readRow("23 0 00 0 023").cells).toEqual([23, 0, 0, 0, 0, 0, 23]);
    expect(readRow("2600000 26").cells).toEqual([26, 0, 0, 0, 0, 0, 26]);
  });

  it("reads runs of a large body: 21710000218 and 7500000 75", () => {
    expect(readRow("21710000218").cells).toEqual([217, 1, 0, 0, 0, 0, 218]);
    expect(readRow("750000075").cells).toEqual([75, 0, 0, 0, 0, 0, 75]);
  });

  it("gives no cell of a run that no sum ties down (行政规范性文件77132470, three cells)", () => {
    expect(readRow("77132470", counts(3), []).cells).toEqual([undefined, undefined, undefined]);
    expect(readRow("693665", counts(3), []).cells).toEqual([undefined, undefined, undefined]);
  });

  it("reads cells the format alone forces: a number never starts with 0 (规章000, 1000, 行政强制3100)", () => {
    expect(readRow("000", counts(3), []).cells).toEqual([0, 0, 0]);
    expect(readRow("1000", counts(3), []).cells).toEqual([10, 0, 0]);
    // 2019: 上一年项目数量 | 本年增/减 | 处理决定数量: 3|10|0 or 31|0|0, the decisions are 0 either way
    expect(readRow("3100", [{}, { signed: true }, {}], []).cells).toEqual([undefined, undefined, 0]);
  });

  it("reads a one-cell row as it is, decimals where the column has them (行政事业性收费24252.311082)", () => {
    expect(readRow("24252.311082", [{ decimal: true }], []).cells).toEqual([24252.311082]);
    expect(readRow("24252.311082", [{}], []).splits).toEqual([]);
  });

  it("lets a signed column start a run with a minus (2019: 行政处罚2648-18538)", () => {
    const r = splitRow(["2648", "-18538"], false, [{}, { signed: true }, {}], []);
    expect(r.splits).toContainEqual([2648, -185, 38]);
    expect(agreed(r.splits, 3)[0]).toBe(2648);
    expect(splitRow(["2648", "-18538"], false, counts(3), []).splits).toEqual([]);
  });

  it("takes a grid's cells one to a token and refuses a wrong count", () => {
    expect(splitRow(["80", "1", "0", "0", "0", "0", "81"], true, counts(7), APPLICANTS).splits).toEqual([[80, 1, 0, 0, 0, 0, 81]]);
    expect(splitRow(["801", "0", "0", "0", "0", "81"], true, counts(7), APPLICANTS).splits).toEqual([]);
    expect(splitRow(["/", "—", "", "0"], true, counts(4), []).splits).toEqual([[null, null, null, 0]]);
  });
});

describe("四: fifteen cells in one run", () => {
  it("splits 10203120001200000 by the three group sums: 1,0,2,0,3 | 12,0,0,0,12 | 0,0,0,0,0", () => {
    const r = readRow("10203120001200000", counts(15), GROUPS);
    expect(r.satisfied).toBe(3);
    expect(r.cells).toEqual([1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
  });

  it("reads a run broken by spaces: 01 0 1 20 0 0 0 0 0 0 0 00", () => {
    expect(readRow("01 0 1 20 0 0 0 0 0 0 0 00", counts(15), GROUPS).cells).toEqual([0, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("when no split satisfies every group, keeps those that satisfy the most and reads only what they agree on", () => {
    // 00202000001324015: the third group (1324015 as five cells) adds up in no split
    const r = readRow("00202000001324015", counts(15), GROUPS);
    expect(r.satisfied).toBe(2);
    expect(r.cells.slice(0, 10)).toEqual([0, 0, 2, 0, 2, 0, 0, 0, 0, 0]);
    expect(r.cells.slice(10)).toContain(undefined);
  });

  it("reads no cell from a run far longer than fifteen cells can hold, at once", () => {
    const r = splitRow(["9".repeat(100_000)], false, counts(15), GROUPS);
    expect(r.splits).toEqual([]);
  });

  it("stops at its bound on a run no split can fit, with nothing read rather than a hang", () => {
    const run = "9".repeat(60);
    const r = splitRow([run], false, counts(15), GROUPS, { rowSteps: 50_000, rowSplits: 2_000, tableSteps: 100_000 });
    expect(r.complete).toBe(false);
  });
});

describe("a whole table", () => {
  const COLS = ["natural", "business", "research", "public_interest", "legal_services", "other", "total"];
  const row = (key: string, ...splits: number[][]) => ({ key, columns: COLS, splits });
  const zeros = [0, 0, 0, 0, 0, 0, 0];
  const col = (c: string, ...rows: string[]) => rows.map((r) => [r, c] as const);

  it("uses the column sums to settle a row its own sum leaves open", () => {
    // 予以公开 220000022 is 2|20|… or 22|0|…; the outcome rows must add up to （七）总计 = 22|0|…|22
    const rows = [
      row("new", [22, 0, 0, 0, 0, 0, 22]),
      row("closed", [22, 0, 0, 0, 0, 0, 22]),
      row("granted", [2, 20, 0, 0, 0, 0, 22], [22, 0, 0, 0, 0, 0, 22]),
      row("partly", zeros),
    ];
    const sums = COLS.map((c) => ({ parts: col(c, "granted", "partly"), totals: col(c, "closed") }));
    const { used } = solveTable(rows, sums);
    expect([...used!.get("granted")!]).toEqual([1]);
  });

  it("finds no reading when the sums contradict each other (a report's own error)", () => {
    const rows = [row("closed", [20, 0, 0, 0, 0, 1, 21]), row("granted", [26, 0, 0, 0, 0, 1, 27])];
    const sums = COLS.map((c) => ({ parts: col(c, "granted"), totals: col(c, "closed") }));
    expect(solveTable(rows, sums).used).toBeNull();
  });
});
