import { Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { importFolder } from "../../connectors/folder/folderImport.ts";
import { announce } from "../../connectors/publishRaw.ts";
import { KafkaBus, topicName } from "../../pipelines/bus/kafka.ts";
import { landingZoneOf, startStages, STAGE_NAMES } from "../../pipelines/runner.ts";
import { TOPICS } from "../../schemas/messages.ts";
import { SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { BROKERS, freshKafka } from "./broker.ts";
import { untilLoaded } from "./warehouses.ts";

/** Three kinds of poison, distinct per partition (the warehouse keeps one row per distinct dead letter): not JSON,
 * JSON of the wrong shape, and JSON nested 100,000 brackets deep (JSON.stringify of it overflows the stack). */
const poison = (partition: number) => [
  `{not json ${partition}`,
  JSON.stringify({ hello: `poison ${partition}` }),
  `{"deep${partition}":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
];
const STAGE_OF_TOPIC = { [TOPICS.raw]: "parse", [TOPICS.parsed]: "extract", [TOPICS.facts]: "load", [TOPICS.dlq]: "dead-letters" };

/** Puts both poison messages on every partition of every topic, ahead of any good message. */
async function poisonEveryPartition(config: ReturnType<typeof freshKafka>): Promise<number> {
  const kafka = new Kafka({ brokers: config.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  let sent = 0;
  for (const topic of Object.values(TOPICS).map((t) => topicName(config.topicPrefix, t))) {
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const messages = meta!.partitions.flatMap((p) => poison(p.partitionId).map((value) => ({ partition: p.partitionId, key: "poison", value })));
    await producer.send({ topic, messages });
    sent += messages.length;
  }
  await Promise.all([admin.disconnect(), producer.disconnect()]);
  return sent;
}

async function untilDeadLetters(data: string, count: number): Promise<Record<string, unknown>[]> {
  for (let waited = 0; ; waited += 250) {
    const rows = await readParquet(data, "SELECT stage, reason, excerpt FROM dead_letters ORDER BY ALL").catch(() => []);
    if (rows.length >= count || waited > 30_000) return rows;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!BROKERS)("poison messages on Kafka", () => {
  it("each ends in the dead letters with its reason, and every stage goes on to the good reports", async () => {
    const config = freshKafka();
    const data = tempDir();
    const bus = await KafkaBus.connect(config, () => {});
    const { warehouse } = await startStages(bus, data, STAGE_NAMES);
    try {
      const poisoned = await poisonEveryPartition(config);
      const raws = [];
      for await (const part of importFolder(SAMPLES, landingZoneOf(data))) raws.push(...part.raws);
      await announce(bus, raws);

      await untilLoaded(data, raws.length);
      const letters = await untilDeadLetters(data, poisoned);
      expect(letters).toHaveLength(poisoned);
      const perTopic = poisoned / Object.keys(TOPICS).length;
      for (const stage of Object.values(STAGE_OF_TOPIC)) {
        const mine = letters.filter((l) => l.stage === stage);
        expect(mine, stage).toHaveLength(perTopic);
        const notJson = mine.filter((l) => /^not a JSON message \(t\w+\.[a-z.]+ partition \d+ offset \d+\): .*JSON/.test(String(l.reason)));
        const invalid = mine.filter((l) => /^invalid message: .*hello/.test(String(l.reason)));
        const deep = mine.filter((l) => /^invalid message: .*deep\d/.test(String(l.reason)));
        expect(notJson, stage).toHaveLength(perTopic / 3);
        expect(invalid, stage).toHaveLength(perTopic / 3);
        expect(deep, stage).toHaveLength(perTopic / 3);
        expect(notJson.every((l) => String(l.excerpt).includes("{not json"))).toBe(true);
        expect(invalid.every((l) => String(l.excerpt).includes("poison"))).toBe(true);
        expect(deep.every((l) => /^\{"deep\d":\[{1000}/.test(String(l.excerpt)) && String(l.excerpt).length === 2000)).toBe(true);
      }
    } finally {
      await bus.close();
      await warehouse?.close();
    }
  });
});
