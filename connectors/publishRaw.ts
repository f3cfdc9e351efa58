// What every connector does with payloads: land them (with their messages) first, then announce them on
// reports.raw by key.
import { RawReport, TOPICS, type SourceHints } from "../schemas/messages.ts";
import type { Bus } from "../pipelines/bus/bus.ts";
import type { LandingZone } from "../pipelines/landing/landingZone.ts";

export interface Payload {
  bytes: Uint8Array;
  source: string;
  source_url: string;
  file_name: string;
  content_type: string;
  hints?: Partial<SourceHints>;
}

/** Lands a batch of payloads durably in one go; returns the message announcing each. */
export async function landPayloads(landing: LandingZone, payloads: Payload[]): Promise<RawReport[]> {
  const fetched_at = new Date().toISOString();
  return landing.land(
    payloads.map((p) => ({
      bytes: p.bytes,
      message: (landed) =>
        RawReport.parse({
          sha256: landed.sha256,
          landing_key: landed.key,
          source: p.source,
          source_url: p.source_url,
          file_name: p.file_name,
          content_type: p.content_type,
          bytes: landed.bytes,
          fetched_at,
          hints: { title: null, published_date: null, site_host: null, ...p.hints },
        }),
    })),
  );
}

export async function landPayload(landing: LandingZone, p: Payload): Promise<{ raw: RawReport }> {
  const [raw] = await landPayloads(landing, [p]);
  return { raw: raw! };
}

export async function announce(bus: Bus, raws: RawReport[]): Promise<void> {
  if (raws.length) await bus.publish(TOPICS.raw, raws.map((raw) => ({ key: raw.sha256, value: raw })));
}
