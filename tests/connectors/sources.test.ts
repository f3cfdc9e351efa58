import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSources } from "../../schemas/sources.ts";
import { REPO } from "../helpers/cli.ts";

describe("sources.yaml", () => {
  it("reads the example with its defaults", () => {
    const sources = parseSources(readFileSync(join(REPO, "sources.example.yaml"), "utf8"));
    expect(sources.map((s) => s.id)).toEqual(["nantong-health", "dongyang-disclosure-reports"]);
    expect(sources[1]).toMatchObject({ max_pages: 20, rate_per_minute: 30, title_pattern: "政府信息公开.*年度报告" });
  });

  it("names the source and the key of every problem", () => {
    const bad = `sources:
  - id: a
    start_urls: [https://a.gov.cn/list.html]
    allow_hosts: [a.gov.cn]
    schedule: "every day"
    colour: blue
  - id: b
    start_urls: [https://elsewhere.cn/x.html]
    allow_hosts: [b.gov.cn]
    schedule: "0 3 * * *"
    rate_per_minute: -1
`;
    expect(() => parseSources(bad)).toThrow(/source a: schedule: not a cron expression/);
    expect(() => parseSources(bad)).toThrow(/source a: \(entry\): Unrecognized key.*colour/);
    expect(() => parseSources(bad)).toThrow(/source b: rate_per_minute/);
    expect(() => parseSources(bad)).toThrow(/source b: start_urls: every start URL's host must be in allow_hosts/);
  });
});
