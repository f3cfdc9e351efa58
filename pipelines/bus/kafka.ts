// The Kafka engine: every topic is `<prefix>.<topic>` on a broker, every stage a consumer group. Offsets are
// committed only after the stage's handler returned (its outputs are published), so delivery is
// at-least-once; the load stage is idempotent, so the warehouse sees each report once.
// Only kafkajs' KafkaJS API is used, so @confluentinc/kafka-javascript (its KafkaJS-compatible API) can
// stand in for it (docs/kafka.md).
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type EachBatchPayload, type KafkaMessage, type LogEntry, type Producer } from "kafkajs";
import { KafkaConfig, type KafkaConfigInput } from "../../schemas/kafka.ts";
import { TOPICS, type Topic } from "../../schemas/messages.ts";
import { deadLetter } from "../stages/stage.ts";
import type { BatchHandler, Bus, BusMessage } from "./bus.ts";

class KafkaUnreachableError extends Error {
  override name = "KafkaUnreachableError";
}

class MissingTopicsError extends Error {
  override name = "MissingTopicsError";
}

export type Log = (line: string) => void;
const toStderr: Log = (line) => process.stderr.write(`${line}\n`);

const rootCause = (err: unknown): unknown => (err && typeof err === "object" && "cause" in err && err.cause ? rootCause(err.cause) : err);
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const topicName = (prefix: string, topic: Topic) => `${prefix}.${topic}`;

const unknownProvenance = { source: null, source_url: null, landing_key: null };

/** Turns Kafka records into bus messages; a record that is not JSON becomes a dead letter of `stage` right away. */
export function decodeMessages(
  stage: string,
  from: { topic: string; partition: number },
  records: KafkaMessage[],
): { messages: BusMessage[]; undecodable: BusMessage[] } {
  const messages: BusMessage[] = [];
  const undecodable: BusMessage[] = [];
  for (const record of records) {
    const text = record.value?.toString("utf8") ?? "";
    try {
      if (!text) throw new Error("empty message");
      messages.push({ key: record.key?.toString("utf8") ?? "", value: JSON.parse(text) as unknown });
    } catch (err) {
      const reason = `not a JSON message (${from.topic} partition ${from.partition} offset ${record.offset}): ${messageOf(err)}`;
      undecodable.push(deadLetter(stage, reason, unknownProvenance, text.slice(0, 2000)).message);
    }
  }
  return { messages, undecodable };
}

/** Makes sure the four topics exist: creates the missing ones, or lets a broker without the admin API auto-create them. */
async function ensureTopics(admin: Admin, topics: string[], config: KafkaConfig, log: Log): Promise<void> {
  const missing = async () => {
    const existing = new Set(await admin.listTopics());
    return topics.filter((t) => !existing.has(t));
  };
  const absent = await missing();
  if (!absent.length) return;
  try {
    await admin.createTopics({
      topics: absent.map((topic) => ({ topic, numPartitions: config.partitions, replicationFactor: config.replicationFactor })),
      waitForLeaders: true,
    });
    log(`kafka: created ${absent.join(", ")} with ${config.partitions} partitions`);
  } catch (err) {
    // A broker without CreateTopics (librdkafka's mock) may still create topics when asked for their metadata.
    const metadata = await admin.fetchTopicMetadata({ topics: absent }).catch(() => null);
    const still = await missing();
    if (still.length) {
      throw new MissingTopicsError(
        `Kafka topics missing and they cannot be created (${messageOf(err)}): ${still.join(", ")}; ` +
          `create them (${config.partitions} partitions each) or allow topic creation on the broker`,
      );
    }
    const created = metadata?.topics.map((t) => `${t.name} (${t.partitions.length} partitions)`).join(", ");
    log(`kafka: warning: cannot create topics (${messageOf(err)}); the broker auto-created ${created ?? absent.join(", ")}`);
  }
}

/** kafkajs' own errors, one line each; a line repeated within a minute (every retry of a connection) is shown once. */
function kafkaLogger(log: Log) {
  const shown = new Map<string, number>();
  return () =>
    ({ namespace, log: entry }: LogEntry) => {
      const error = "error" in entry && entry.error && !entry.message.includes(String(entry.error)) ? `: ${String(entry.error)}` : "";
      const line = `kafka: ${namespace}: ${entry.message}${error}`;
      const now = Date.now();
      if (now - (shown.get(line) ?? -Infinity) < 60_000) return;
      shown.set(line, now);
      log(line);
    };
}

/** One stage's place in its consumer group: the current consumer (replaced after a crash) and its crash count. */
interface Member {
  consumer: Consumer | null;
  started: Promise<void>;
  crashes: number;
}

export class KafkaBus implements Bus {
  readonly engine = "kafka" as const;
  private readonly members: Member[] = [];
  private closing = false;
  private fail: (err: Error) => void = () => {};
  readonly failed: Promise<never> = new Promise<never>((_, reject) => {
    this.fail = reject;
  });

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    readonly config: KafkaConfig,
    private readonly log: Log,
  ) {
    this.failed.catch(() => {});
  }

  /** Connects (retrying with backoff), makes sure the topics exist, and returns the engine. */
  static async connect(input: KafkaConfigInput, log: Log = toStderr): Promise<KafkaBus> {
    const config = KafkaConfig.parse(input);
    const kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      connectionTimeout: config.connectionTimeout,
      retry: { initialRetryTime: config.initialRetryTime, retries: config.retries },
      logLevel: logLevel.ERROR,
      logCreator: kafkaLogger(log),
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    try {
      await admin.connect();
      await ensureTopics(
        admin,
        Object.values(TOPICS).map((t) => topicName(config.topicPrefix, t)),
        config,
        log,
      );
      await producer.connect();
    } catch (err) {
      await producer.disconnect().catch(() => {});
      if (err instanceof MissingTopicsError) throw err;
      throw new KafkaUnreachableError(
        `cannot reach Kafka at ${config.brokers.join(",")} after ${config.retries + 1} attempts (${messageOf(rootCause(err))}): ` +
          "check --brokers and that the broker is running",
      );
    } finally {
      await admin.disconnect().catch(() => {});
    }
    return new KafkaBus(kafka, producer, config, log);
  }

  private name(topic: Topic): string {
    return topicName(this.config.topicPrefix, topic);
  }

  async publish(topic: Topic, messages: BusMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.producer.send({
      topic: this.name(topic),
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value) })),
    });
  }

  async consume(topic: Topic, group: string, handler: BatchHandler): Promise<void> {
    const groupId = this.config.groupPrefix ? `${this.config.groupPrefix}.${group}` : group;
    // runStage names a stage's group `govkpi-<stage>`; dead letters name the stage alone, as runStage's do.
    const stage = group.replace(/^govkpi-/, "");
    const member: Member = { consumer: null, started: Promise.resolve(), crashes: 0 };
    this.members.push(member);
    const start = async (): Promise<void> => {
      if (this.closing) return;
      // kafkajs restarts a consumer only after retriable errors; the engine restarts it after any crash (the
      // mock broker answers a racing SyncGroup with INVALID_REQUEST), within `restarts`, then fails.
      const consumer = this.kafka.consumer({
        groupId,
        sessionTimeout: this.config.sessionTimeout,
        heartbeatInterval: this.config.heartbeatInterval,
        maxWaitTimeInMs: this.config.maxWaitTime,
        allowAutoTopicCreation: false,
        retry: { initialRetryTime: this.config.initialRetryTime, retries: this.config.retries, restartOnFailure: async () => false },
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (this.closing) return;
        const reason = messageOf(payload.error);
        if (member.crashes >= this.config.restarts) {
          this.fail(new Error(`Kafka consumer ${groupId} stopped after ${member.crashes} restarts: ${reason}`));
          return;
        }
        const wait = this.config.initialRetryTime * 2 ** member.crashes++;
        this.log(`kafka: ${groupId} crashed (${reason}); restart ${member.crashes} of ${this.config.restarts} in ${wait} ms`);
        setTimeout(() => start().catch((err: unknown) => this.fail(new Error(`Kafka consumer ${groupId} cannot restart: ${messageOf(err)}`))), wait);
      });
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        const partitions = Object.values(payload.memberAssignment).flat();
        this.log(`kafka: ${groupId} joined, partitions [${partitions.join(",")}] of ${this.name(topic)}`);
      });
      member.consumer = consumer;
      await consumer.connect();
      await consumer.subscribe({ topics: [this.name(topic)], fromBeginning: true });
      // Not awaited: run() resolves only once the group is joined (seconds), and the stages join in parallel.
      member.started = consumer
        .run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.deliver(stage, handler, payload) })
        .catch((err: unknown) => this.fail(new Error(`Kafka consumer ${groupId} cannot start: ${messageOf(err)}`)));
    };
    await start();
  }

  /** Hands a fetched batch to the stage in chunks of maxBatch, committing each chunk once its handler returned. */
  private async deliver(stage: string, handler: BatchHandler, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    for (let start = 0; start < batch.messages.length; start += this.config.maxBatch) {
      // Shutting down or the partition moved: park the rest uncommitted; its next owner receives it again.
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + this.config.maxBatch);
      const { messages, undecodable } = decodeMessages(stage, batch, chunk);
      await this.publish(TOPICS.dlq, undecodable);
      if (messages.length) await this.handleBeating(handler, messages, heartbeat);
      const last = chunk.at(-1)!.offset;
      const next = (BigInt(last) + 1n).toString();
      await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
      resolveOffset(last);
      await heartbeat();
    }
  }

  /** kafkajs heartbeats only between calls: keep beating while a slow batch (64 PDFs) runs, or the group would evict us. */
  private async handleBeating(handler: BatchHandler, messages: BusMessage[], heartbeat: () => Promise<void>): Promise<void> {
    // A failed beat means a rebalance: the commit after the handler then fails and the batch is redelivered.
    const beat = setInterval(() => void heartbeat().catch(() => {}), this.config.heartbeatInterval);
    try {
      await handler(messages);
    } finally {
      clearInterval(beat);
    }
  }

  /** Finishes the batches in hand (committing them), leaves the groups, disconnects. */
  async close(): Promise<void> {
    this.closing = true;
    // A consumer disconnected while it joins its group crashes and restarts: let the joins finish first.
    await Promise.all(this.members.map((m) => m.started));
    await Promise.all(this.members.map((m) => m.consumer?.disconnect()));
    await this.producer.disconnect();
  }
}
