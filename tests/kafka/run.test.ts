import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { BROKERS, freshKafka, kafkaArgs } from "./broker.ts";
import { publishedRows, embeddedContents } from "./warehouses.ts";

describe.skipIf(!BROKERS)("govkpi run --bus kafka", () => {
  it("builds the warehouse the embedded engine builds, and a second run changes nothing", async () => {
    const data = tempDir();
    const kafka = kafkaArgs(freshKafka());
    const [first, expected] = await Promise.all([govkpi(["run", "--bus", "kafka", ...kafka, "--data", data]), embeddedContents(SAMPLES)]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("5 loaded");
    expect(expected.reports).toHaveLength(5);
    expect(expected.facts.length).toBeGreaterThan(0);
    expect(await publishedRows(data)).toEqual(expected);

    const again = await govkpi(["run", "--bus", "kafka", ...kafka, "--data", data]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("5 unchanged (already loaded), 0 loaded");
    expect(await publishedRows(data)).toEqual(expected);
  });

  it("says clearly when no broker answers at the address", async () => {
    const run = await govkpi(["run", "--bus", "kafka", "--brokers", "127.0.0.1:1", "--data", tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/govkpi run: cannot reach Kafka at 127\.0\.0\.1:1 after \d+ attempts .*ECONNREFUSED.*check --brokers/);
  });

  it("refuses a broker address that is not HOST:PORT, and --bus kafka without brokers", async () => {
    const bad = await govkpi(["run", "--bus", "kafka", "--brokers", "kafka.example", "--data", tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid Kafka settings: brokers.0: a broker as HOST:PORT");
    const none = await govkpi(["run", "--bus", "kafka", "--data", tempDir()], { env: { GOVKPI_KAFKA_BROKERS: "" } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--bus kafka needs --brokers");
  });
});
