// What every connector does with payloads: land them (with their messages) first, then announce them on
// reports.raw by key. A connector hands its messages to an Outlet: reports (durable once `announce` returns), dead letters of
// what it could not fetch or accept, and the records of its runs.
import { RawReport, TOPICS, type DeadLetter, type RunRecord, type SourceHints } from "../schemas/messages.ts";
import type { Bus } from "../pipelines/bus/bus.ts";
import type { LandingZone } from "../pipelines/landing/landingZone.ts";

export interface Payload {
  bytes: Uint8Array;
  source: string;
  source_url: string;
  file_name: string;
  content_type: string;
  hints?: Partial<SourceHints>;
  identity?: RawReport["identity"];
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
          hints: { title: null, published_date: null, site_host: null, referrer: null, link_text: null, ...p.hints },
          identity: p.identity ?? "url",
        }),
    })),
  );
}

export async function landPayload(landing: LandingZone, p: Payload): Promise<{ raw: RawReport }> {
  const [raw] = await landPayloads(landing, [p]);
  return { raw: raw! };
}

export async function announce(bus: Bus, raws: RawReport[]): Promise<void> {
  if (raws.length)
    await bus.publish(
      TOPICS.raw,
      raws.map((raw) => ({ key: raw.sha256, value: raw })),
    );
}

export interface Outlet {
  /** Resolves once the message is durable: acknowledged by Kafka, or in the local inbox. */
  announce(raw: RawReport): Promise<void>;
  deadLetter(letter: DeadLetter): Promise<void>;
  run(record: RunRecord): Promise<void>;
}

/** On Kafka a published message is durable once the brokers acknowledge it. */
export function busOutlet(bus: Bus): Outlet {
  return {
    announce: (raw) => announce(bus, [raw]),
    deadLetter: (letter) => bus.publish(TOPICS.dlq, [{ key: letter.landing_key ?? letter.source_url ?? letter.stage, value: letter }]),
    run: (record) => bus.publish(TOPICS.runs, [{ key: record.run_id, value: record }]),
  };
}
