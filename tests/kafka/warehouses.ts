// What the Kafka tests compare: a data dir's published warehouse against the embedded engine's over the same input.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

/** Every published column but the load and fetch times: stricter than warehouseContents, since the engines must agree on every column. */
export const publishedRows = async (data: string) => ({
  reports: await readParquet(data, "SELECT * EXCLUDE (fetched_at, loaded_at) FROM reports ORDER BY report_id"),
  facts: await readParquet(data, "SELECT * FROM facts ORDER BY ALL"),
});

/** The warehouse `govkpi run` builds from `input` on the embedded bus. */
export async function embeddedContents(input: string): Promise<Awaited<ReturnType<typeof publishedRows>>> {
  const data = tempDir();
  const run = await govkpi(["run", "--input", input, "--data", data]);
  expect(run.code, run.stderr).toBe(0);
  return publishedRows(data);
}

/** `count` distinct reports: the samples, each with a numbered appendix line so their ids differ. */
export function manyReports(count: number): string {
  const dir = tempDir();
  const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"));
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length]!;
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${seed}`), `${readFileSync(join(SAMPLES, seed), "utf8")}\n附件${i}\n`);
  }
  return dir;
}

/** Waits until the published warehouse of `data` holds `count` reports. */
export async function untilLoaded(data: string, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await readParquet(data, "SELECT count(*) AS n FROM reports").catch(() => [{ n: 0 }]);
    if (Number(rows[0]!.n) >= count) return;
    if (Date.now() > deadline) throw new Error(`${data}: ${String(rows[0]!.n)} of ${count} reports loaded after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
