// govkpi query --format json: one JSON object per row, numbers as JSON numbers (BIGINT and DECIMAL
// included, which DuckDB hands over as strings), every digit kept beyond 2^53.
import { beforeAll, describe, expect, it } from "vitest";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { govkpi, tempDir } from "../helpers/cli.ts";

let data: string;
beforeAll(async () => {
  data = tempDir();
  await (await Warehouse.open(data)).close();
});

const json = async (sql: string) => {
  const run = await govkpi(["query", sql, "--data", data, "--format", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
};

describe("govkpi query --format json", () => {
  it("writes counts, BIGINT, HUGEINT, DECIMAL and nested integers as numbers, strings and NULL as such", async () => {
    const out = await json(`SELECT count(*) AS n, sum(2::BIGINT) AS s, 42::HUGEINT AS h, 12.50::DECIMAL(10, 2) AS d, -3::BIGINT AS neg,
      [1, 2]::BIGINT[] AS l, {'k': 5::BIGINT, 'name': '江苏省'} AS st, NULL::BIGINT AS nb, '123' AS text, 1.25::DOUBLE AS f
      FROM facts`);
    expect(out.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({ n: 0, s: null, h: 42, d: 12.5, neg: -3, l: [1, 2], st: { k: 5, name: "江苏省" }, nb: null, text: "123", f: 1.25 });
  });

  it("keeps every digit beyond 2^53 in the text (a JavaScript reader rounds them, Python and jq do not)", async () => {
    const out = await json("SELECT 9007199254740993::BIGINT AS big, 18446744073709551615::UBIGINT AS u, 170141183460469231731687303715884105727::HUGEINT AS h");
    expect(out.trim()).toBe('{"big":9007199254740993,"u":18446744073709551615,"h":170141183460469231731687303715884105727}');
    expect(JSON.parse(out).big).toBe(2 ** 53);
  });

  it("writes one line per row", async () => {
    const out = await json("SELECT i::BIGINT AS i FROM range(3) t(i)");
    expect(
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });
});
