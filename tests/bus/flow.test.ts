import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { importFolder } from "../../connectors/folder/folderImport.ts";
import { EmbeddedBus } from "../../pipelines/bus/embedded.ts";
import { ingest } from "../../pipelines/ingest.ts";
import { SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

const SEEDS = [
  "dongyang-health-2022.txt",
  "heilongjiang-health-2020.txt",
  "nanshan-health-2024.txt",
  "nantong-health-2023.txt",
  "redacted-city-health-2022.txt",
];

it("the stages and the dead-letter topic never wait on each other for ever, even with queues of one message", async () => {
  const input = tempDir();
  for (const name of SEEDS) copyFileSync(join(SAMPLES, name), join(input, name));
  writeFileSync(join(input, "empty.txt"), "");
  writeFileSync(join(input, "binary.txt"), Buffer.from([0, 1, 2, 3, 0, 0, 7]));
  writeFileSync(join(input, "cut.pdf"), "%PDF-1.4\n1 0 obj\n<< /Type /Catalog");
  const data = tempDir();
  const bus = new EmbeddedBus({ maxBatch: 1, queueLimit: 1 });
  const result = await ingest(bus, data, (landing, _warehouse, ctx) => importFolder(input, landing, ctx.loaded));
  expect(result).toMatchObject({ loaded: 5, failed: 3 });
  const [counts] = await readParquet(data, "SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM dead_letters) AS letters");
  expect(counts).toEqual({ reports: "5", letters: "3" });
});
