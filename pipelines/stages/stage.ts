// A stage is a processor between two topics: validate the input with its schema, process, publish the
// outputs. Input that fails validation or processing becomes a dead letter with the reason; the stage goes on.
import type { ZodType } from "zod";
import { type DeadLetter, TOPICS, type Topic } from "../../schemas/messages.ts";
import type { Bus, BusMessage } from "../bus/bus.ts";
import { isTransientIoError } from "../ioErrors.ts";
import { PoolError } from "../pool/pool.ts";
import { jsonExcerpt } from "./jsonExcerpt.ts";

export interface StageOutput {
  topic: Topic;
  message: BusMessage;
}

/** What a dead letter says about where the input came from. */
export interface Provenance {
  source: string | null;
  source_url: string | null;
  landing_key: string | null;
}

export interface Stage<I> {
  name: string;
  input: Topic;
  schema: ZodType<I>;
  provenance(input: I): Provenance;
  /** Processes a batch of valid inputs; returns one result per input: outputs, or the error that stopped it. */
  process(inputs: I[]): Promise<Array<StageOutput[] | Error>>;
}

export interface StageEvents {
  onProcessed?(stage: string, ok: number, failed: number): void;
  /** the landing keys of the inputs this stage handled without error */
  onHandled?(stage: string, landingKeys: string[]): void;
  onDeadLetter?(letter: DeadLetter): void;
  /** how long the stage took over a batch */
  onBatch?(stage: string, seconds: number): void;
  /** reports and their facts written to the warehouse by a load batch */
  onLoaded?(reports: number, facts: number): void;
}

/** Where a message about a raw report came from. */
export const provenanceOf = (raw: Provenance) => ({ source: raw.source, source_url: raw.source_url, landing_key: raw.landing_key });

const unknownProvenance: Provenance = { source: null, source_url: null, landing_key: null };

/** A reason or excerpt as the dead_letters table keeps it: bounded, never empty. */
const bounded = (text: string, fallback: string) => text.slice(0, EXCERPT_CHARS) || fallback;
const EXCERPT_CHARS = 2000;

/**
 * The dead letter of an input a stage could not handle. It cannot throw, whatever the input: the excerpt is
 * built without recursion and bounded (jsonExcerpt), so one hostile message never stops the stage.
 */
export function deadLetter(stage: string, reason: string, from: Provenance, value?: unknown): StageOutput {
  const letter: DeadLetter = {
    stage: bounded(stage, "unknown"),
    reason: bounded(reason, "unknown error"),
    source: from.source,
    source_url: from.source_url,
    landing_key: from.landing_key,
    excerpt: value === undefined ? null : jsonExcerpt(value, EXCERPT_CHARS),
    failed_at: new Date().toISOString(),
  };
  return { topic: TOPICS.dlq, message: { key: from.landing_key ?? letter.stage, value: letter } };
}

/** One line saying what is wrong with an input: zod's issues (at most a few), or the error's message. */
function describe(err: unknown): string {
  try {
    if (err && typeof err === "object" && "issues" in err && Array.isArray(err.issues)) {
      const issues = (err.issues as Array<{ path: PropertyKey[]; message: string }>).slice(0, 10);
      return `invalid message: ${issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ")}`;
    }
    return err instanceof Error ? err.message : String(err);
  } catch {
    return "an error that cannot be printed";
  }
}

export async function runStage<I>(bus: Bus, stage: Stage<I>, events: StageEvents = {}): Promise<void> {
  await bus.consume(stage.input, `govkpi-${stage.name}`, async (batch) => {
    const started = performance.now();
    const outputs: StageOutput[] = [];
    const valid: I[] = [];
    for (const m of batch) {
      const parsed = stage.schema.safeParse(m.value);
      if (parsed.success) valid.push(parsed.data);
      else outputs.push(deadLetter(stage.name, describe(parsed.error), unknownProvenance, m.value));
    }
    const results = await stage.process(valid);
    // a full disk is no fault of the report: fail the batch (the run stops; Kafka redelivers) rather than dead-letter it
    const transient = results.find(isTransientIoError);
    if (transient) throw transient;
    let failed = batch.length - valid.length;
    const handled: string[] = [];
    results.forEach((result, i) => {
      const from = stage.provenance(valid[i]!);
      if (result instanceof Error) {
        failed++;
        outputs.push(deadLetter(stage.name, describe(result), from));
      } else {
        outputs.push(...result);
        if (from.landing_key) handled.push(from.landing_key);
      }
    });
    const byTopic = new Map<Topic, BusMessage[]>();
    for (const o of outputs) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o.message]);
    for (const [topic, messages] of byTopic) await bus.publish(topic, messages);
    for (const m of byTopic.get(TOPICS.dlq) ?? []) events.onDeadLetter?.(m.value as DeadLetter);
    events.onHandled?.(stage.name, handled);
    events.onProcessed?.(stage.name, batch.length - failed, failed);
    events.onBatch?.(stage.name, (performance.now() - started) / 1000);
  });
}

/** Runs `body` for every input at once (the document pool bounds how many run), turning a throw into that
 * input's error, so one bad report never sinks a batch. A pool that cannot work is no input's fault: it throws. */
export async function eachInput<I>(inputs: I[], body: (input: I) => Promise<StageOutput[]>): Promise<Array<StageOutput[] | Error>> {
  return Promise.all(
    inputs.map((input) =>
      body(input).catch((err: unknown) => {
        if (err instanceof PoolError) throw err;
        return err instanceof Error ? err : new Error(String(err));
      }),
    ),
  );
}

const each = <T>(items: T[], call: (item: T) => void) => {
  for (const item of items) call(item);
};

/** Several listeners as one. */
export function allEvents(...listeners: StageEvents[]): StageEvents {
  return {
    onProcessed: (stage, ok, failed) => each(listeners, (l) => l.onProcessed?.(stage, ok, failed)),
    onHandled: (stage, keys) => each(listeners, (l) => l.onHandled?.(stage, keys)),
    onDeadLetter: (letter) => each(listeners, (l) => l.onDeadLetter?.(letter)),
    onBatch: (stage, seconds) => each(listeners, (l) => l.onBatch?.(stage, seconds)),
    onLoaded: (reports, facts) => each(listeners, (l) => l.onLoaded?.(reports, facts)),
  };
}
