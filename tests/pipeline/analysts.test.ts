// The warehouse `npm start` builds (the bundled samples, one of them with no province), read the way
// analysts read it: DuckDB over the folders (through the fixed links, `current` and a pinned snapshot);
// an independent Parquet implementation (arrow-rs, as parquet-wasm) into apache-arrow JS; and pandas,
// pyarrow and Polars when python3 has pyarrow. Each must see every row, hive partitions typed and never
// NULL, plain (not dictionary) column types in the files, and the same rows whatever path it takes.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { readParquet } from "parquet-wasm/node";
import { DataType, tableFromIPC } from "apache-arrow";
import { PUBLISHED, UNKNOWN_PROVINCE } from "../../schemas/warehouse.ts";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { readParquet as readWarehouse } from "../helpers/warehouse.ts";

const PYTHON = process.env.GOVKPI_PYTHON ?? "python3";
const hasPyarrow = spawnSync(PYTHON, ["-c", "import pyarrow, pandas, polars"]).status === 0;
if (!hasPyarrow)
  console.warn(
    `analysts.test: SKIPPED the pandas/pyarrow/Polars readers: \`${PYTHON} -c "import pyarrow, pandas, polars"\` fails (set GOVKPI_PYTHON to a python that has them)`,
  );

let warehouse: string;
/** rows per published table, as govkpi's own reader counts them */
const rows: Record<string, number> = {};

beforeAll(async () => {
  const data = tempDir();
  const run = await govkpi(["run", "--data", data]);
  expect(run.code, run.stderr).toBe(0);
  warehouse = join(data, "warehouse");
  for (const t of PUBLISHED) rows[t.name] = Number((await readWarehouse(data, `SELECT count(*) AS n FROM ${t.name}`))[0]!.n);
  expect(rows.facts).toBeGreaterThan(50);
  // the trap pyarrow used to fall into: a report with no province, so a partition for it
  expect(Number((await readWarehouse(data, "SELECT count(*) AS n FROM reports WHERE province IS NULL"))[0]!.n)).toBeGreaterThan(0);
}, 180_000);

const parquetFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".parquet"));
const partitioned = PUBLISHED.filter((t) => t.partitionBy);

describe("the warehouse as analysts read it", () => {
  it("DuckDB reads each table through the fixed link, `current` and the pinned snapshot alike: every row, year BIGINT and province_code VARCHAR, never NULL", async () => {
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    const pinned = realpathSync(join(warehouse, "current"));
    expect(pinned).toMatch(/\/snapshots\/\d{10}$/);
    for (const t of partitioned) {
      for (const dir of [join(warehouse, t.name), join(warehouse, "current", t.name), join(pinned, t.name)]) {
        const [row] = (
          await conn.runAndReadAll(`SELECT count(*) AS n, ${t.partitionBy!.map((c) => `count(${c}) AS ${c}_set, any_value(typeof(${c})) AS ${c}_type`).join(", ")}
          FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true)`)
        ).getRowObjectsJS();
        expect(Number(row!.n), `${dir}`).toBe(rows[t.name]);
        for (const c of t.partitionBy!) {
          expect(Number(row![`${c}_set`]), `${dir}: ${c} never NULL`).toBe(rows[t.name]);
          if (rows[t.name]) expect(row![`${c}_type`]).toBe(c === "year" ? "BIGINT" : "VARCHAR");
        }
      }
    }
    const [unknown] = (
      await conn.runAndReadAll(`SELECT count(*) FILTER (WHERE province IS NULL AND province_code <> '${UNKNOWN_PROVINCE}') AS misfiled,
      count(*) FILTER (WHERE report_year IS NULL AND year <> 0) AS misdated, count(*) FILTER (WHERE province_code = '${UNKNOWN_PROVINCE}') AS unknown
      FROM read_parquet('${warehouse}/facts/**/*.parquet', hive_partitioning = true)`)
    ).getRowObjectsJS();
    expect(unknown).toMatchObject({ misfiled: 0n, misdated: 0n });
    expect(Number(unknown!.unknown)).toBeGreaterThan(0);
  });

  it("an independent Parquet reader (arrow-rs, as parquet-wasm) decodes every file into apache-arrow: all rows, no dictionary columns, ASCII folders that agree with the rows", () => {
    for (const t of PUBLISHED) {
      const dir = join(warehouse, t.name);
      let total = 0;
      for (const file of parquetFiles(dir)) {
        const table = tableFromIPC(readParquet(readFileSync(join(dir, file))).intoIPCStream());
        total += table.numRows;
        for (const f of table.schema.fields) expect(DataType.isDictionary(f.type), `${t.name}.${f.name} is ${f.type}`).toBe(false);
        if (!t.partitionBy) continue;
        // a partition folder per column, ASCII, and the columns themselves are not in the file
        const folders = file.split("/").slice(0, -1);
        expect(folders.map((f) => f.split("=")[0])).toEqual(t.partitionBy);
        for (const f of folders) expect(f).toMatch(/^(year=\d{1,4}|province_code=(CN-[A-Z]{2}|unknown))$/);
        expect(table.schema.fields.map((f) => f.name)).not.toContain("province_code");
        const year = Number(folders.find((f) => f.startsWith("year="))?.slice(5) ?? NaN);
        const code = folders.find((f) => f.startsWith("province_code="))!.slice("province_code=".length);
        for (const row of table.toArray()) {
          if (!Number.isNaN(year)) expect(row.report_year ?? 0, `${t.name}/${file}`).toBe(year);
          if (code === UNKNOWN_PROVINCE) expect(row.province, `${t.name}/${file}`).toBeNull();
          else expect(row.province, `${t.name}/${file}`).toMatch(/省|市|自治区|特别行政区/);
        }
      }
      expect(total, t.name).toBe(rows[t.name]);
    }
  });

  it.skipIf(!hasPyarrow)(
    "pandas (pd.read_parquet of the folder), pyarrow and Polars read every table: all rows, partition columns typed and never NULL",
    () => {
      const script = `
import json, sys
import pandas as pd, pyarrow.parquet as pq, polars as pl
out = {}
for name, partitioned in json.loads(sys.argv[2]).items():
    d = f"{sys.argv[1]}/{name}"
    df = pd.read_parquet(d)
    tb = pq.read_table(d)
    pf = pl.read_parquet(f"{d}/**/*.parquet" if partitioned else f"{d}/*.parquet", hive_partitioning=partitioned)
    cols = [c for c in ("year", "province_code") if c in df.columns]
    out[name] = {
        "pandas": len(df), "pyarrow": tb.num_rows, "polars": pf.height,
        "pandas_nulls": int(df[cols].isna().sum().sum()) if cols else 0,
        "pyarrow_types": {c: str(tb.schema.field(c).type) for c in cols},
        "polars_types": {c: str(pf.schema[c]) for c in cols},
        "polars_nulls": int(sum(pf[c].null_count() for c in cols)),
        "years": sorted({int(y) for y in df["year"].astype(int)}) if "year" in cols else [],
    }
print(json.dumps(out))`;
      const tables = Object.fromEntries(PUBLISHED.map((t) => [t.name, t.partitionBy !== null]));
      const out = JSON.parse(execFileSync(PYTHON, ["-c", script, warehouse, JSON.stringify(tables)], { encoding: "utf8" }));
      for (const t of PUBLISHED) {
        const r = out[t.name];
        expect([r.pandas, r.pyarrow, r.polars], t.name).toEqual([rows[t.name], rows[t.name], rows[t.name]]);
        expect([r.pandas_nulls, r.polars_nulls], t.name).toEqual([0, 0]);
        if (t.partitionBy?.includes("year")) {
          // pyarrow infers hive keys as dictionaries of their values' type: the years stay integers
          expect(r.pyarrow_types).toEqual({
            year: "dictionary<values=int32, indices=int32, ordered=0>",
            province_code: "dictionary<values=string, indices=int32, ordered=0>",
          });
          expect(r.polars_types).toEqual({ year: "Int64", province_code: "String" });
          expect(r.years.length, "years as integers").toBeGreaterThan(1);
        } else if (t.partitionBy) {
          expect(r.polars_types).toEqual({ province_code: "String" });
        }
      }
    },
  );
});
