import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { govkpi, tempDir } from "../helpers/cli.ts";
import { BROKERS, freshKafka, kafkaArgs, WorkerProcess } from "./broker.ts";
import { earlierYearsOfSamples } from "../helpers/sampleCopies.ts";
import { publishedRows, embeddedContents, untilLoaded } from "./warehouses.ts";

const REPORTS = 48;

/** What a connector host does: `govkpi import` lands the folder's files and announces them on Kafka. */
async function announceFolder(args: string[], input: string): Promise<void> {
  const imported = await govkpi(["import", "--input", input, ...args]);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain(`announced ${REPORTS} reports`);
}

const processedBy = (worker: WorkerProcess) => Number(/^extract: (\d+) ok/.exec(worker.lines.findLast((l) => /^extract: \d+ ok/.test(l)) ?? "")?.[1] ?? 0);

describe.skipIf(!BROKERS)("govkpi worker", () => {
  let input: string;
  let expected: Awaited<ReturnType<typeof publishedRows>>;
  const running: WorkerProcess[] = [];
  const worker = (stage: string, args: string[]) => {
    const w = new WorkerProcess(["--stage", stage, ...args]);
    running.push(w);
    return w;
  };

  beforeAll(async () => {
    input = earlierYearsOfSamples(REPORTS);
    expected = await embeddedContents(input);
    expect(expected.reports).toHaveLength(REPORTS);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => w.kill("SIGKILL")));
  });

  it("two extract workers share the partitions and together build the embedded warehouse; SIGTERM stops them cleanly", async () => {
    const config = freshKafka();
    const data = tempDir();
    const args = [...kafkaArgs(config), "--data", data];
    const stages = [worker("parse", args), worker("extract", args), worker("extract", args), worker("load", args)];
    const [, extractA, extractB] = stages as [WorkerProcess, WorkerProcess, WorkerProcess, WorkerProcess];
    // both members of one generation: two partitions each
    for (const w of [extractA, extractB]) await w.waitFor(/govkpi-extract joined, partitions \[\d+,\d+\]/);

    await announceFolder(args, input);
    await untilLoaded(data, REPORTS);
    expect(await publishedRows(data)).toEqual(expected);
    expect(processedBy(extractA)).toBeGreaterThan(0);
    expect(processedBy(extractB)).toBeGreaterThan(0);
    expect(processedBy(extractA) + processedBy(extractB)).toBeGreaterThanOrEqual(REPORTS);

    const codes = await Promise.all(running.splice(0).map((w) => w.kill("SIGTERM")));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(extractA.lines).toContain("govkpi: SIGTERM: finishing the batches in hand, then stopping");
  });

  it("an extract worker killed mid-way and replaced loses and duplicates nothing", async () => {
    const config = freshKafka();
    const data = tempDir();
    const args = [...kafkaArgs(config), "--data", data];
    worker("parse", args);
    worker("load", args);
    const doomed = worker("extract", [...args, "--max-batch", "2"]);
    await doomed.waitFor(/govkpi-extract joined/);

    await announceFolder(args, input);
    await doomed.waitFor(/^extract: [1-9]\d* ok/);
    await doomed.kill("SIGKILL");
    expect(processedBy(doomed)).toBeLessThan(REPORTS);

    const replacement = worker("extract", args);
    await untilLoaded(data, REPORTS, 90_000);
    expect(await publishedRows(data)).toEqual(expected);
    expect(processedBy(replacement)).toBeGreaterThan(0);
  }, 120_000);
});
