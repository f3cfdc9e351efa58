// Fuzzing what a Kafka message meets: the bytes of a record decoded (decodeMessages), the topic's schema,
// and the dead-letter path (runStage), for every stage's topic. Records are real messages (a sample report's
// reports.raw, reports.parsed and facts messages, and a dead letter) with fields replaced, removed, nested
// deep or grown huge, their JSON cut or its bytes flipped, and arbitrary JSON and bytes. Not one may throw
// out of the stage; each is a valid message or a dead letter the warehouse accepts, bounded in size.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { KafkaMessage } from "kafkajs";
import type { ZodType } from "zod";
import { describe, expect, it } from "vitest";
import type { Bus, BatchHandler, BusMessage } from "../../pipelines/bus/bus.ts";
import { decodeMessages } from "../../pipelines/bus/kafka.ts";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { runStage } from "../../pipelines/stages/stage.ts";
import { DeadLetter, ParsedReport, RawReport, ReportFacts, TOPICS, type Topic } from "../../schemas/messages.ts";
import { SAMPLES } from "../helpers/cli.ts";

const SEED = Number(process.env.GOVKPI_FUZZ_SEED ?? 20_261_123);
const RUNS = 2000 * Number(process.env.GOVKPI_FUZZ_SCALE ?? 1);

const raw: RawReport = RawReport.parse({
  sha256: "a".repeat(64),
  landing_key: "sha256/aa/aaaa",
  source: "folder:samples",
  source_url: "file:///samples/nantong-health-2023.txt",
  file_name: "nantong-health-2023.txt",
  content_type: "text/plain",
  bytes: 13256,
  fetched_at: "2024-01-05T08:00:00.000Z",
});
const text = readFileSync(join(SAMPLES, "nantong-health-2023.txt"), "utf8");
const extracted = extractReport({ text, page: { title: null, published_date: null, org: null }, site_host: null });
const parsed = ParsedReport.parse({
  report_id: "b".repeat(24),
  raw,
  text_key: "sha256/bb/bbbb",
  chars: text.length,
  title: null,
  page_published_date: null,
  page_org: null,
  status: "parsed",
  status_reason: null,
});
const facts = ReportFacts.parse({
  report_id: "b".repeat(24),
  raw,
  title: null,
  metadata: extracted.metadata,
  status: "extracted",
  status_reason: null,
  extractor_version: "fuzz",
  chars: text.length,
  facts: extracted.facts,
  checks: extracted.checks,
});
const letter = DeadLetter.parse({
  stage: "parse",
  reason: "empty file",
  source: null,
  source_url: null,
  landing_key: null,
  excerpt: null,
  failed_at: "2024-01-05T08:00:00.000Z",
});

const TOPIC_SCHEMAS: Array<[Topic, ZodType<unknown>, unknown]> = [
  [TOPICS.raw, RawReport, raw],
  [TOPICS.parsed, ParsedReport, parsed],
  [TOPICS.facts, ReportFacts, facts],
  [TOPICS.dlq, DeadLetter, letter],
];

const DEEP = "\u0001deep:";
const deepened = (json: string) => json.replace(/"\\u0001deep:(\d+)"/g, (_, n: string) => `${"[".repeat(Number(n))}${"]".repeat(Number(n))}`);

/** every path to a value inside a message */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]))];
}

function replaced(value: unknown, path: Array<string | number>, by: unknown): unknown {
  if (!path.length) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  if (by === undefined && !rest.length) delete copy[head!];
  else copy[head!] = replaced(copy[head!], rest, by);
  return copy;
}

const hostileValue = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 }, // the field removed
  { arbitrary: fc.anything({ maxDepth: 3 }), weight: 4 },
  // brackets deep, written into the JSON text (JSON.stringify of them would overflow here)
  { arbitrary: fc.nat(50_000).map((n) => `${DEEP}${n}`), weight: 1 },
  { arbitrary: fc.tuple(fc.string({ unit: "binary", maxLength: 4 }), fc.nat(50_000)).map(([s, n]) => s.repeat(n)), weight: 1 },
  {
    arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, "", "2024-02-30", "a".repeat(64), "\u0000", { __proto__: null }, { constructor: 1 }),
    weight: 2,
  },
);

/** a record as a producer (or a broken one) puts it on the topic: JSON of a mutated message, cut or flipped, or anything */
const record = (message: unknown) => {
  const all = paths(message);
  const mutatedJson = fc
    .tuple(fc.array(fc.tuple(fc.nat(all.length - 1), hostileValue), { minLength: 1, maxLength: 3 }))
    .map(([edits]) => edits.reduce((m, [i, v]) => replaced(m, all[i]!, v), message))
    .map((m) => deepened(JSON.stringify(m) ?? ""));
  const bytes = fc.oneof(
    { arbitrary: mutatedJson.map((s) => Buffer.from(s)), weight: 6 },
    {
      arbitrary: fc.tuple(mutatedJson, fc.double({ min: 0, max: 1, noNaN: true })).map(([s, f]) => Buffer.from(s.slice(0, Math.floor(s.length * f)))),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(mutatedJson, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
        .map(([s, flips]) => {
          const b = Buffer.from(s);
          for (const [p, v] of flips) if (b.length) b[Math.floor(p * (b.length - 1))] = v;
          return b;
        }),
      weight: 1,
    },
    { arbitrary: fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 1 },
    { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
  );
  return fc.tuple(bytes, fc.option(fc.string({ maxLength: 30 }))).map(
    ([value, key]) =>
      ({
        key: key === null ? null : Buffer.from(key),
        value,
        offset: "0",
        timestamp: "0",
        attributes: 0,
        headers: {},
        size: value.length,
      }) as unknown as KafkaMessage,
  );
};

/** A bus that hands the test the stage's handler and keeps what the stage publishes. */
function capturingBus() {
  let handler: BatchHandler | null = null;
  const published: Array<{ topic: Topic; message: BusMessage }> = [];
  const bus: Bus = {
    engine: "kafka",
    publish: async (topic, messages) => void published.push(...messages.map((message) => ({ topic, message }))),
    consume: async (_topic, _group, h) => void (handler = h),
    close: async () => {},
    failed: new Promise<never>(() => {}),
  };
  return { bus, published, handler: () => handler! };
}

describe(`fuzzed Kafka messages (seed ${SEED})`, () => {
  it.each(TOPIC_SCHEMAS)(
    `${RUNS} records on %s: each a valid message or a bounded dead letter, never a throw`,
    async (topic, schema, message) => {
      const records = fc.sample(record(message), { seed: SEED + topic.length, numRuns: RUNS });
      const { bus, published, handler } = capturingBus();
      let valid = 0;
      await runStage(bus, {
        name: `fuzz-${topic}`,
        input: topic,
        schema,
        provenance: () => ({ source: null, source_url: null, landing_key: null }),
        process: async (inputs) => {
          valid += inputs.length;
          return inputs.map(() => []);
        },
      });
      for (let start = 0; start < records.length; start += 50) {
        const batch = records.slice(start, start + 50);
        const { messages, undecodable } = decodeMessages(`fuzz-${topic}`, { topic, partition: 0 }, batch);
        await bus.publish(TOPICS.dlq, undecodable);
        try {
          await handler()(messages);
        } catch (err) {
          throw new Error(`seed ${SEED} (GOVKPI_FUZZ_SEED reproduces), ${topic} records ${start}–${start + 49}: the stage threw ${(err as Error).message}`);
        }
      }
      const letters = published.filter((p) => p.topic === TOPICS.dlq).map((p) => p.message.value);
      expect(letters.length + valid).toBe(records.length);
      for (const l of letters) {
        expect(DeadLetter.safeParse(l).success, `seed ${SEED}: ${JSON.stringify(l).slice(0, 300)}`).toBe(true);
        expect(JSON.stringify(l).length).toBeLessThan(12_000);
      }
      expect(letters.length).toBeGreaterThan(records.length / 2);
    },
    120_000,
  );
});
