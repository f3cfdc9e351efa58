// What every connector does with a payload: land it first, then announce it on reports.raw by key.
import { RawReport, TOPICS, type SourceHints } from "../schemas/messages.ts";
import type { Bus } from "../pipelines/bus/bus.ts";
import type { LandingZone, Landed } from "../pipelines/landing/landingZone.ts";

export interface Payload {
  bytes: Uint8Array;
  source: string;
  source_url: string;
  file_name: string;
  content_type: string;
  hints?: Partial<SourceHints>;
}

export async function landPayload(landing: LandingZone, p: Payload): Promise<{ raw: RawReport; landed: Landed }> {
  const landed = await landing.put(p.bytes);
  const raw = RawReport.parse({
    sha256: landed.sha256,
    landing_key: landed.key,
    source: p.source,
    source_url: p.source_url,
    file_name: p.file_name,
    content_type: p.content_type,
    bytes: landed.bytes,
    fetched_at: new Date().toISOString(),
    hints: { title: null, published_date: null, site_host: null, ...p.hints },
  });
  return { raw, landed };
}

export async function announce(bus: Bus, raws: RawReport[]): Promise<void> {
  if (raws.length) await bus.publish(TOPICS.raw, raws.map((raw) => ({ key: raw.sha256, value: raw })));
}
