import { expect } from "vitest";
import { govkpi, tempDir } from "../helpers/cli.ts";
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
