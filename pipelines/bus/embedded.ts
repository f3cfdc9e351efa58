// The embedded engine: in-memory topics in one process, no server. Each topic delivers to every group
// subscribed to it, in publish order, one batch at a time per group (as a Kafka partition would).
import type { Topic } from "../../schemas/messages.ts";
import type { BatchHandler, Bus, BusMessage } from "./bus.ts";

interface Subscription {
  handler: BatchHandler;
  queue: BusMessage[];
  running: Promise<void> | null;
}

export class EmbeddedBus implements Bus {
  readonly engine = "embedded" as const;
  private readonly subs = new Map<Topic, Subscription[]>();
  private failure: Error | null = null;
  private fail: (err: Error) => void = () => {};
  readonly failed: Promise<never> = new Promise<never>((_, reject) => {
    this.fail = reject;
  });

  constructor(private readonly maxBatch = 64) {
    this.failed.catch(() => {});
  }

  async publish(topic: Topic, messages: BusMessage[]): Promise<void> {
    const value = (m: BusMessage) => JSON.parse(JSON.stringify(m.value)) as unknown;
    for (const sub of this.subs.get(topic) ?? []) {
      sub.queue.push(...messages.map((m) => ({ key: m.key, value: value(m) })));
      this.pump(sub);
    }
  }

  async consume(topic: Topic, _group: string, handler: BatchHandler): Promise<void> {
    const list = this.subs.get(topic) ?? [];
    list.push({ handler, queue: [], running: null });
    this.subs.set(topic, list);
  }

  /** Resolves once every queue is empty and no handler runs: the whole flow has settled. */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.subs.values()].flat().filter((s) => s.running || s.queue.length);
      if (this.failure) throw this.failure;
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
    if (sub.running) return;
    const step = async (): Promise<void> => {
      while (sub.queue.length && !this.failure) {
        const batch = sub.queue.slice(0, this.maxBatch);
        await sub.handler(batch);
        sub.queue.splice(0, batch.length);
      }
    };
    sub.running = step()
      .catch((err: Error) => {
        this.failure = err;
        this.fail(err);
      })
      .finally(() => {
        sub.running = null;
      });
  }
}
