// The bus: one interface, two engines (embedded in one process; kafka). Stage code only sees this.
import type { Topic } from "../../schemas/messages.ts";

export interface BusMessage {
  /** partition key: a report's messages share it so they stay in order */
  key: string;
  /** a JSON-serialisable value; consumers validate it with the topic's zod schema */
  value: unknown;
}

/** Handles a batch; returning resolves the batch (commits its offsets), throwing redelivers it. */
export type BatchHandler = (batch: BusMessage[]) => Promise<void>;

export interface Bus {
  readonly engine: "embedded" | "kafka";
  publish(topic: Topic, messages: BusMessage[]): Promise<void>;
  /** Consume a topic as consumer group `group`, one handler call per batch. */
  consume(topic: Topic, group: string, handler: BatchHandler): Promise<void>;
  close(): Promise<void>;
  /** Rejects when the engine cannot go on (a handler kept failing, the consumer crashed); never resolves. */
  readonly failed: Promise<never>;
}
