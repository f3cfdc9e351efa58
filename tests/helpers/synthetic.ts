import { metricDef, METRICS } from "../../schemas/metrics.ts";
import type { ReportFacts } from "../../schemas/messages.ts";

/** Schema-valid report messages with made-up facts, for load tests and the load benchmark. */
export function syntheticReports(reports: number, factsPerReport: number): ReportFacts[] {
  return Array.from({ length: reports }, (_, r) => {
    const id = r.toString(16).padStart(24, "0");
    return {
      report_id: id,
      raw: {
        sha256: id.padEnd(64, "0"),
        landing_key: `sha256/00/${id.padEnd(64, "0")}`,
        source: "bench",
        source_url: `bench://${r}`,
        file_name: `${r}.txt`,
        content_type: "text/plain",
        bytes: 20_000,
        fetched_at: new Date().toISOString(),
        hints: { title: null, published_date: null, site_host: null, referrer: null, link_text: null },
        identity: "url",
      },
      title: `报告${r}`,
      metadata: {
        org_name: "某市卫生健康委员会",
        province: "江苏省",
        city: "南通市",
        county: null,
        admin_level: "prefecture",
        region_code: "320600",
        report_year: 2020 + (r % 5),
        published_date: "2024-03-06",
      },
      status: "extracted",
      status_reason: null,
      extractor_version: "bench",
      chars: 20_000,
      facts: Array.from({ length: factsPerReport }, (_, f) => {
        const def = METRICS[f % METRICS.length]!;
        return {
          metric: def.code,
          family: def.family,
          unit: metricDef(def.code).unit,
          value: f * 3.5,
          approx: "exact" as const,
          redacted: false,
          qualifier: null,
          scope: null,
          evidence: `共受理信访件${f}件,其中来信${f}件`,
          offset: f * 40,
        };
      }),
      checks: [],
    };
  });
}
