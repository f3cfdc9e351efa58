import { describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../pipelines/bus/embedded.ts";
import { TOPICS } from "../../schemas/messages.ts";
import { busContract, CONTRACT_RETRIES } from "./contract.ts";

busContract("embedded", async () => new EmbeddedBus({ ...CONTRACT_RETRIES, log: () => {} }));

describe("the embedded bus's bounded queues", () => {
  it("a publish waits while a group is queueLimit messages behind, and goes on as it catches up", async () => {
    const bus = new EmbeddedBus({ maxBatch: 2, queueLimit: 4 });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const got: number[] = [];
    let largest = 0;
    const queueOf = () => (bus as unknown as { subs: Map<string, Array<{ queue: unknown[] }>> }).subs.get(TOPICS.raw)![0]!.queue.length;
    await bus.consume(TOPICS.raw, "slow", async (batch) => {
      largest = Math.max(largest, queueOf());
      await gate;
      got.push(...batch.map((m) => m.value as number));
    });
    let published = false;
    const publishing = bus
      .publish(
        TOPICS.raw,
        Array.from({ length: 20 }, (_, i) => ({ key: "k", value: i })),
      )
      .then(() => (published = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(published).toBe(false);
    expect(queueOf()).toBe(4);
    release();
    await publishing;
    await bus.idle();
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(largest).toBeLessThanOrEqual(4);
  });

  it("a waiting publish fails with the bus, rather than waiting for ever", async () => {
    const bus = new EmbeddedBus({ maxBatch: 1, queueLimit: 1, retries: 0, log: () => {} });
    await bus.consume(TOPICS.raw, "broken", async () => {
      await new Promise((r) => setTimeout(r, 100));
      throw new Error("disk full");
    });
    const publishing = bus.publish(
      TOPICS.raw,
      Array.from({ length: 5 }, (_, i) => ({ key: "k", value: i })),
    );
    await expect(publishing).rejects.toThrow("disk full");
    await expect(bus.failed).rejects.toThrow("disk full");
  });
});
