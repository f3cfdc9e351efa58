// Configuration of the Kafka bus engine: where the brokers are, how topics and consumer groups are named.
import { z } from "zod";

const millis = z.number().int().positive();

export const KafkaConfig = z
  .object({
    brokers: z.array(z.string().regex(/^[^\s:/]+:\d{1,5}$/, "a broker as HOST:PORT")).min(1),
    clientId: z.string().min(1).default("govkpi"),
    /** topics are `<topicPrefix>.reports.raw`, `<topicPrefix>.reports.parsed`, `<topicPrefix>.facts`, `<topicPrefix>.reports.dlq` */
    topicPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'")
      .default("govkpi"),
    /** prepended to every stage's consumer group (`<groupPrefix>.govkpi-parse`), so separate deployments or tests never share offsets */
    groupPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-'")
      .default(""),
    /** partitions of a topic the engine creates: the most consumers one stage can spread over */
    partitions: z.number().int().min(1).default(4),
    /** replication of a topic the engine creates; -1 takes the broker's default */
    replicationFactor: z.number().int().min(-1).default(-1),
    sessionTimeout: millis.default(30_000),
    heartbeatInterval: millis.default(3_000),
    /** most messages handed to a stage at once; offsets are committed after each such batch */
    maxBatch: z.number().int().min(1).default(64),
    /** longest a fetch waits for new messages: bounds a stage's latency on brokers that do not answer a fetch early (the mock) */
    maxWaitTime: millis.default(500),
    connectionTimeout: millis.default(3_000),
    /** attempts (with exponential backoff from initialRetryTime) before a broker is given up on */
    retries: z.number().int().min(0).default(5),
    initialRetryTime: millis.default(300),
    /** times a crashed consumer is restarted (each after its own retries) before the engine fails */
    restarts: z.number().int().min(0).default(5),
  })
  .strict()
  .refine((c) => c.heartbeatInterval < c.sessionTimeout, { message: "heartbeatInterval must be below sessionTimeout" });
export type KafkaConfig = z.infer<typeof KafkaConfig>;
export type KafkaConfigInput = z.input<typeof KafkaConfig>;
