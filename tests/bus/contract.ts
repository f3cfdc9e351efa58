// The bus contract (pipelines/bus/bus.ts) as one suite, run against each engine: tests/bus/embedded.test.ts
// and tests/kafka/contract.test.ts (the librdkafka mock broker).
import { describe, expect, it } from "vitest";
import type { Bus, BusMessage } from "../../pipelines/bus/bus.ts";
import { TOPICS } from "../../schemas/messages.ts";

/** Retry settings the suite runs with: a failing batch is delivered again once, 100 ms later. */
export const CONTRACT_RETRIES = { retries: 1, initialRetryTime: 100 } as const;

/** A bus of the engine under test, with CONTRACT_RETRIES, on topics no other test uses. */
export type MakeBus = () => Promise<Bus>;

const numbered = (from: number, n: number): BusMessage[] => Array.from({ length: n }, (_, i) => ({ key: "one-key", value: { i: from + i } }));
const indexes = (batch: BusMessage[]) => batch.map((m) => (m.value as { i: number }).i);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(done: () => boolean, timeoutMs = 40_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await sleep(25)) {
    if (Date.now() > deadline) throw new Error("timed out");
  }
}

/** Whether a promise has settled by now. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    sleep(0).then(() => false),
  ]);
}

export function busContract(engine: string, makeBus: MakeBus): void {
  describe(`the bus contract on the ${engine} engine`, () => {
    it("gives every group every message once, in publish order per key", async () => {
      const bus = await makeBus();
      const seen: Record<string, number[]> = { a: [], b: [] };
      await bus.consume(TOPICS.raw, "a", async (batch) => void seen.a!.push(...indexes(batch)));
      await bus.consume(TOPICS.raw, "b", async (batch) => void seen.b!.push(...indexes(batch)));
      await bus.publish(TOPICS.raw, numbered(0, 5));
      await bus.publish(TOPICS.raw, numbered(5, 5));
      await until(() => seen.a!.length >= 10 && seen.b!.length >= 10);
      await sleep(300);
      await bus.close();
      expect(seen.a).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(seen.b).toEqual(seen.a);
    });

    it("hands consumers a copy of the JSON value, never the publisher's object", async () => {
      const bus = await makeBus();
      const original = { n: 1, at: new Date(0), gone: undefined };
      let received: unknown = null;
      await bus.consume(TOPICS.parsed, "g", async ([m]) => void (received = m!.value));
      await bus.publish(TOPICS.parsed, [{ key: "k", value: original }]);
      original.n = 2;
      await until(() => received !== null);
      await bus.close();
      expect(received).toEqual({ n: 1, at: "1970-01-01T00:00:00.000Z" });
    });

    it("delivers a batch whose handler threw again, the same messages in the same order, then the rest; the bus goes on", async () => {
      const bus = await makeBus();
      const batches: number[][] = [];
      await bus.consume(TOPICS.facts, "retry", async (batch) => {
        batches.push(indexes(batch));
        if (batches.length === 1) throw new Error("transient");
      });
      await bus.publish(TOPICS.facts, numbered(0, 3));
      await until(() => batches.length >= 2);
      await bus.publish(TOPICS.facts, numbered(3, 2));
      await until(() => batches.flat().includes(4));
      expect(batches[1]).toEqual(batches[0]);
      expect(batches[0]![0]).toBe(0);
      expect([...new Set(batches.slice(1).flat())]).toEqual([0, 1, 2, 3, 4]);
      expect(await settled(bus.failed)).toBe(false);
      await bus.close();
    });

    it("fails with the handler's error once its retries are spent, never skipping the batch", async () => {
      const bus = await makeBus();
      const batches: number[][] = [];
      await bus.consume(TOPICS.dlq, "broken", async (batch) => {
        batches.push(indexes(batch));
        throw new Error("the warehouse disk is full");
      });
      await bus.publish(TOPICS.dlq, numbered(0, 1));
      await until(() => batches.length >= 1);
      await bus.publish(TOPICS.dlq, numbered(1, 2)).catch(() => {});
      await expect(bus.failed).rejects.toThrow(/the warehouse disk is full/);
      expect(batches.length).toBeGreaterThanOrEqual(2);
      // every delivery started with the failing message: nothing after it went by
      expect(batches.every((b) => b[0] === 0)).toBe(true);
      await bus.close().catch(() => {});
    });

    it("closing lets the batch in hand finish first", async () => {
      const bus = await makeBus();
      const finished: number[] = [];
      let started = false;
      await bus.consume(TOPICS.raw, "slow", async (batch) => {
        started = true;
        await sleep(700);
        finished.push(...indexes(batch));
      });
      await bus.publish(TOPICS.raw, numbered(0, 2));
      await until(() => started);
      await bus.close();
      expect(finished).toEqual([0, 1]);
    });
  });
}
