import type { ReportMetadata } from "../../../schemas/messages.ts";
import type { ExtractInput } from "./index.ts";

export function extractMetadata(input: ExtractInput): ReportMetadata {
  return { org_name: null, province: null, city: null, county: null, admin_level: null, region_code: null, report_year: null, published_date: input.page.published_date };
}
