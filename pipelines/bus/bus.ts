// The bus: one interface, two engines (embedded in one process; kafka). Stage code only sees this.
//
// The contract both engines keep (tests/bus/contract.ts runs one suite against each):
// - Each consumer group gets every message published to its topic once it subscribed (Kafka: also the
//   ones before, from the beginning), in publish order per key, as a copy of the JSON value (never the
//   publisher's object), in batches of at most the engine's maxBatch.
// - A handler that returns settles its batch (Kafka commits its offsets); the next batch follows.
// - A handler that throws gets the same batch again (same messages, same order) after a backoff that
//   doubles from initialRetryTime; nothing after it (in its topic on the embedded engine, its partition on
//   Kafka) is delivered before it. When every retry threw too, the engine gives up: `failed` rejects with
//   the handler's error, and the batch is never skipped. A report's own fault never throws (stages turn it
//   into a dead letter); a throw means the machine (a full disk, a lost broker), which retrying may cure.
// - `close()` lets the batches in hand finish (and settle) before it resolves.
import type { Topic } from "../../schemas/messages.ts";

export interface BusMessage {
  /** partition key: a report's messages share it so they stay in order */
  key: string;
  /** a JSON-serialisable value; consumers validate it with the topic's zod schema */
  value: unknown;
}

/** Handles a batch; returning settles it, throwing has it delivered again (see the contract above). */
export type BatchHandler = (batch: BusMessage[]) => Promise<void>;

export interface Bus {
  readonly engine: "embedded" | "kafka";
  /** Resolves once the messages are safe with the engine (Kafka: acknowledged; embedded: queued, waiting while a consumer is too far behind). */
  publish(topic: Topic, messages: BusMessage[]): Promise<void>;
  /** Consume a topic as consumer group `group`, one handler call per batch. */
  consume(topic: Topic, group: string, handler: BatchHandler): Promise<void>;
  close(): Promise<void>;
  /** Rejects when the engine cannot go on (a handler kept failing, the consumer crashed); never resolves. */
  readonly failed: Promise<never>;
}
