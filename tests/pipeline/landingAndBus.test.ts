import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LandingZone, sha256 } from "../../pipelines/landing/landingZone.ts";
import { landPayloads } from "../../connectors/publishRaw.ts";
import { tempDir } from "../helpers/cli.ts";

describe("landing zone", () => {
  it("writes each payload once under its sha256 and reads it back", async () => {
    const zone = new LandingZone(tempDir());
    const bytes = Buffer.from("东阳市卫生健康局 2022 报告");
    const a = await zone.put(bytes);
    const b = await zone.put(bytes);
    expect(a).toMatchObject({ sha256: sha256(bytes), fresh: true });
    expect(b).toMatchObject({ key: a.key, fresh: false });
    expect(await zone.get(a.key)).toEqual(bytes);
    expect(readdirSync(join(zone.root, "sha256", a.sha256.slice(0, 2)))).toEqual([a.sha256]);
  });

  it("refuses keys that would leave the zone", async () => {
    const zone = new LandingZone(tempDir());
    await expect(zone.get("../../etc/passwd")).rejects.toThrow(/not a landing-zone key/);
  });
});

describe("landing zone messages", () => {
  it("keeps the message that announced each payload beside it, hints included, for a re-run", async () => {
    const zone = new LandingZone(tempDir());
    const payload = { bytes: Buffer.from("某报告"), source: "crawler", file_name: "a.html", content_type: "text/html" };
    const [a, b] = await landPayloads(zone, [
      { ...payload, source_url: "https://a.gov.cn/1", hints: { title: "标题", published_date: "2024-03-06", site_host: "a.gov.cn" } },
      { ...payload, source_url: "https://b.gov.cn/2" },
    ]);
    expect(a!.landing_key).toBe(b!.landing_key);
    expect(await zone.message(a!.landing_key, "https://a.gov.cn/1")).toEqual(a);
    expect((await zone.message(b!.landing_key, "https://b.gov.cn/2"))!.hints).toMatchObject({ title: null, published_date: null, site_host: null });
    expect(await zone.message(a!.landing_key, "https://elsewhere/")).toBeNull();
  });
});
