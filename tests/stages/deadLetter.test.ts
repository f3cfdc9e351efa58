import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { BatchHandler, Bus, BusMessage } from "../../pipelines/bus/bus.ts";
import { jsonExcerpt } from "../../pipelines/stages/jsonExcerpt.ts";
import { runStage, type Stage } from "../../pipelines/stages/stage.ts";
import { type DeadLetter, TOPICS, type Topic } from "../../schemas/messages.ts";

const nested = (depth: number): unknown => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);

describe("a dead letter's excerpt", () => {
  it("is the value's JSON when that is short", () => {
    const values = [null, 0, -1.5e-7, true, '字\n"引号"\u0001', [], {}, [1, [2, [3, {}]]], { a: { b: [null, "x"] }, 键: 1 }, { when: new Date(0) }];
    for (const v of values) expect(jsonExcerpt(v)).toBe(JSON.stringify(v));
    expect(jsonExcerpt([undefined, NaN, () => 1])).toBe(JSON.stringify([undefined, NaN, () => 1]));
  });

  it("is the start of the JSON, cut at the limit", () => {
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ i, text: "受理信访".repeat(3) })) };
    expect(jsonExcerpt(big, 2000)).toBe(JSON.stringify(big).slice(0, 2000));
  });

  it("costs no more than the limit for brackets a million deep, 200,000 keys or a cycle", () => {
    const deep = nested(1_000_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(jsonExcerpt(deep, 2000)).toBe("[".repeat(2000));
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    expect(jsonExcerpt(wide, 50)).toBe(JSON.stringify(wide).slice(0, 50));
    const cycle: Record<string, unknown> = { name: "loop" };
    cycle.self = cycle;
    expect(jsonExcerpt(cycle, 60)).toBe('{"name":"loop","self":'.repeat(3).slice(0, 60));
  });
});

describe("the stage runner's dead-letter path", () => {
  it("dead-letters hostile messages (brackets 100,000 deep, 200,000 keys) and goes on to the next good one", async () => {
    // a Kafka record's JSON.parse gives such values (the embedded bus cannot even publish them): handed straight to the handler
    let handler: BatchHandler | null = null;
    const published: BusMessage[] = [];
    const bus = {
      consume: async (_topic: Topic, _group: string, h: BatchHandler) => void (handler = h),
      publish: async (_topic: Topic, messages: BusMessage[]) => void published.push(...messages),
    } as unknown as Bus;
    const stage: Stage<{ n: number }> = {
      name: "probe",
      input: TOPICS.raw,
      schema: z.object({ n: z.number() }).strict(),
      provenance: () => ({ source: null, source_url: null, landing_key: null }),
      process: async (inputs) => inputs.map(() => [{ topic: TOPICS.parsed, message: { key: "ok", value: "done" } }]),
    };
    await runStage(bus, stage);
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    await handler!([
      { key: "a", value: nested(100_000) },
      { key: "b", value: wide },
      { key: "c", value: { n: 1 } },
    ]);
    const letters = published.filter((m) => m.key === "probe").map((m) => m.value as DeadLetter);
    expect(letters.map((l) => [l.stage, l.excerpt!.length])).toEqual([
      ["probe", 2000],
      ["probe", 2000],
    ]);
    expect(letters.every((l) => /^invalid message: /.test(l.reason) && l.reason.length <= 2000)).toBe(true);
    expect(published.filter((m) => m.key === "ok")).toHaveLength(1);
  });
});
