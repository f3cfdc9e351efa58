// The dashboards' aggregates are published per province: a load rewrites the aggregate files of the
// provinces it changed and hard-links the others, and what a snapshot holds after loads, replacements
// and year gaps equals the same aggregates computed afresh from the whole warehouse.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";
import { readManifest } from "../../pipelines/warehouse/snapshots.ts";
import { PUBLISHED } from "../../schemas/warehouse.ts";
import { METRICS, type MetricCode } from "../../schemas/metrics.ts";
import type { ReportFacts } from "../../schemas/messages.ts";
import { tempDir } from "../helpers/cli.ts";
import { syntheticReports } from "../helpers/synthetic.ts";

const REGIONS = [
  ["江苏省", "南京市", "320100"],
  ["浙江省", "杭州市", "330100"],
  ["四川省", "成都市", "510100"],
  [null, null, null],
] as const;
const AGGREGATES = PUBLISHED.filter((t) => t.partitionBy?.length === 1).map((t) => t.name);
/** the KPI panels' metrics and two of the standard table's */
const CODES: MetricCode[] = [
  "petitions.total",
  "penalties.cases",
  "penalties.decisions",
  "approvals.licensing_decisions",
  "disclosure.requests",
  "disputes.reconsiderations",
];

/** One report per organisation and year: organisation `org` of region `region`, `value` on every fact. */
function report(org: number, region: number, year: number, value: number): ReportFacts {
  const [r] = syntheticReports(1, 6);
  const id = `${org}-${year}`.padStart(24, "0");
  const [province, city, region_code] = REGIONS[region]!;
  return {
    ...r!,
    report_id: id,
    raw: { ...r!.raw, sha256: id.padEnd(64, "2"), landing_key: `sha256/00/${id.padEnd(64, "2")}`, source_url: `test://${id}` },
    metadata: { ...r!.metadata, org_name: `${city ?? "某"}第${org}局`, province, city, region_code, report_year: year },
    checks: [
      {
        name: "requests.balance",
        subject: "（七）总计",
        expected: value,
        actual: value === 900 ? 903 : value,
        passed: value !== 900,
        detail: `${value} = ${value}`,
        offset: 0,
      },
    ],
    facts: r!.facts.map((f, i) => {
      const m = METRICS.find((d) => d.code === CODES[i])!;
      return { ...f, metric: m.code, family: m.family, unit: m.unit, value: value * (i + 1) };
    }),
  };
}

async function contents(root: string, id: string, table: string): Promise<string> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const rows = (
    await conn.runAndReadAll(
      `SELECT * FROM read_parquet('${join(root, "snapshots", id, table)}/**/*.parquet', hive_partitioning = true, union_by_name = true) ORDER BY ALL`,
    )
  ).getRowsJson();
  conn.closeSync();
  return JSON.stringify(rows);
}

describe("aggregates per province", () => {
  it("a load rewrites the changed provinces' aggregate files only, and the snapshot equals a fresh computation", async () => {
    const data = tempDir();
    const root = join(data, "warehouse");
    const w = await Warehouse.open(data, { publishIntervalMs: null });
    // 8 organisations in 4 regions over 2019–2023, each skipping one year
    await w.replaceReports(
      [...Array(8).keys()].flatMap((org) =>
        [2019, 2020, 2021, 2022, 2023].filter((y) => y !== 2019 + (org % 5)).map((y) => report(org, org % 4, y, 10 + org + y - 2019)),
      ),
    );
    const first = await w.publish();
    // organisation 1 (浙江省): a jump in 2021 and its missing 2020 filled in; nothing else changes
    await w.replaceReports([report(1, 1, 2021, 900), report(1, 1, 2020, 12)]);
    const second = await w.publish();
    const [before, after] = [await readManifest(root, first), await readManifest(root, second)];
    for (const table of AGGREGATES) {
      const fresh = after!.tables[table]!.files.filter((f) => !before!.tables[table]!.files.some((b) => b.path === f.path));
      expect(
        fresh.map((f) => f.partition),
        table,
      ).toEqual(["province_code=CN-ZJ"]);
    }
    // the same aggregates written whole from the DuckDB tables
    await w.conn.run("INSERT INTO publish_dirty VALUES ('facts', NULL, NULL), ('reports', NULL, NULL)");
    const whole = await w.publish();
    await w.close();
    for (const table of AGGREGATES) expect(await contents(root, second, table), table).toBe(await contents(root, whole, table));
    // and the new jump is flagged
    const flags = JSON.parse(await contents(root, second, "kpi_flags")) as unknown[][];
    expect(flags.some((r) => r.includes("浙江省") && r.includes(2021) && r.includes("jump"))).toBe(true);
  });
});
