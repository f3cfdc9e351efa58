// The embedded engine: in-memory topics in one process, no server. Each topic delivers to every group
// subscribed to it, in publish order, one batch at a time per group (as a Kafka partition would). Like a
// broker, it holds messages as JSON text, so a consumer gets a copy; unlike one, it holds them in memory,
// so each group's queue is bounded: a publish waits while that group is `queueLimit` messages behind
// (a stage's publish waits for the next stage; the topics form a chain ending in the dead-letter sink,
// which publishes nothing, so the waits always end).
import type { Topic } from "../../schemas/messages.ts";
import type { BatchHandler, Bus } from "./bus.ts";

export interface EmbeddedOptions {
  /** most messages handed to a handler at once */
  maxBatch?: number;
  /** most messages a group may be behind before a publish waits */
  queueLimit?: number;
  /** deliveries of a failing batch after the first, before the engine fails */
  retries?: number;
  /** wait before the first redelivery; each next one waits twice as long */
  initialRetryTime?: number;
  log?: (line: string) => void;
}

interface Queued {
  key: string;
  json: string;
}

interface Subscription {
  group: string;
  handler: BatchHandler;
  queue: Queued[];
  running: Promise<void> | null;
  /** publishers waiting for room in the queue */
  waiting: Array<() => void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class EmbeddedBus implements Bus {
  readonly engine = "embedded" as const;
  private readonly subs = new Map<Topic, Subscription[]>();
  private readonly maxBatch: number;
  private readonly queueLimit: number;
  private readonly retries: number;
  private readonly initialRetryTime: number;
  private readonly log: (line: string) => void;
  private failure: Error | null = null;
  private fail: (err: Error) => void = () => {};
  readonly failed: Promise<never> = new Promise<never>((_, reject) => {
    this.fail = reject;
  });

  constructor(options: EmbeddedOptions = {}) {
    this.maxBatch = options.maxBatch ?? 64;
    this.queueLimit = Math.max(options.queueLimit ?? 4 * this.maxBatch, this.maxBatch);
    this.retries = options.retries ?? 5;
    this.initialRetryTime = options.initialRetryTime ?? 300;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.failed.catch(() => {});
  }

  async publish(topic: Topic, messages: Array<{ key: string; value: unknown }>): Promise<void> {
    const queued = messages.map((m) => ({ key: m.key, json: JSON.stringify(m.value) ?? "null" }));
    for (const sub of this.subs.get(topic) ?? []) {
      for (let i = 0; i < queued.length; ) {
        if (this.failure) throw this.failure;
        const room = this.queueLimit - sub.queue.length;
        if (room > 0) {
          sub.queue.push(...queued.slice(i, i + room));
          i += room;
          this.pump(sub);
        } else await new Promise<void>((wake) => sub.waiting.push(wake));
      }
    }
  }

  async consume(topic: Topic, group: string, handler: BatchHandler): Promise<void> {
    const list = this.subs.get(topic) ?? [];
    list.push({ group, handler, queue: [], running: null, waiting: [] });
    this.subs.set(topic, list);
  }

  /** Resolves once every queue is empty and no handler runs: the whole flow has settled. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const busy = [...this.subs.values()].flat().filter((s) => s.running || s.queue.length);
      if (!busy.length) return;
      await Promise.all(busy.map((s) => s.running ?? Promise.resolve()));
      await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {
    await this.idle();
    this.subs.clear();
  }

  private pump(sub: Subscription): void {
    if (sub.running || this.failure) return;
    const step = async (): Promise<void> => {
      while (sub.queue.length && !this.failure) {
        const batch = sub.queue.slice(0, this.maxBatch);
        await this.deliver(sub, batch);
        sub.queue.splice(0, batch.length);
        for (const wake of sub.waiting.splice(0)) wake();
      }
    };
    sub.running = step()
      .catch((err: unknown) => this.stop(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        sub.running = null;
        if (sub.queue.length) this.pump(sub); // published while the loop was ending
      });
  }

  /** Hands the batch to the handler until it returns, with backoff; after `retries` failed redeliveries, rethrows. */
  private async deliver(sub: Subscription, batch: Queued[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await sub.handler(batch.map((m) => ({ key: m.key, value: JSON.parse(m.json) as unknown })));
      } catch (err) {
        if (attempt >= this.retries) throw err;
        const wait = this.initialRetryTime * 2 ** attempt;
        this.log(`bus: ${sub.group}: a batch failed (${messageOf(err)}); delivering it again in ${wait} ms (retry ${attempt + 1} of ${this.retries})`);
        await sleep(wait);
      }
    }
  }

  private stop(err: Error): void {
    this.failure = err;
    this.fail(err);
    for (const sub of [...this.subs.values()].flat()) for (const wake of sub.waiting.splice(0)) wake();
  }
}
