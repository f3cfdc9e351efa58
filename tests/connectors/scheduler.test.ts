// The scheduler on node-cron with a fake clock: runs fire on their cron times, never overlap per source,
// run side by side across sources up to the pool's concurrency, and a failed run does not stop the next.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JobPool } from "../../pipelines/scheduler/jobPool.ts";
import { scheduleSources } from "../../pipelines/scheduler/scheduler.ts";
import { Source } from "../../schemas/sources.ts";

const source = (id: string, schedule: string) => Source.parse({ id, start_urls: [`https://${id}.gov.cn/list.html`], allow_hosts: [`${id}.gov.cn`], schedule });

beforeEach(() => vi.useFakeTimers({ now: new Date("2026-01-05T02:59:30Z") }));
afterEach(() => vi.useRealTimers());

describe("scheduler", () => {
  it("fires each source on its schedule, and skips a tick while the source's run is still going", async () => {
    const starts: Array<[string, string]> = [];
    const skipped: string[] = [];
    let active = 0;
    let overlap = false;
    const pool = new JobPool(4, () => {});
    const scheduler = scheduleSources(
      [source("every-minute", "* * * * *"), source("every-two", "*/2 * * * *")],
      pool,
      async (s) => {
        starts.push([s.id, new Date().toISOString().slice(11, 16)]);
        active++;
        if (active > 2) overlap = true;
        // the every-minute crawl takes 90 s, longer than its interval
        await new Promise((r) => setTimeout(r, s.id === "every-minute" ? 90_000 : 10_000));
        active--;
      },
      { skipped: (id) => void skipped.push(`${id}@${new Date().toISOString().slice(11, 16)}`) },
    );
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await scheduler.stop();
    // the pool lets the run in flight end within its grace period, which needs the clock to go on
    const stopping = pool.stop(120_000);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await stopping).toBe(true);
    const minute = starts.filter(([id]) => id === "every-minute").map(([, t]) => t);
    const two = starts.filter(([id]) => id === "every-two").map(([, t]) => t);
    expect(minute).toEqual(["03:00", "03:02", "03:04"]);
    expect(skipped).toEqual(["every-minute@03:01", "every-minute@03:03"]);
    expect(two).toEqual(["03:00", "03:02", "03:04"]);
    expect(overlap).toBe(false);
  });

  it("isolates ticks: a run that fails is reported and the source's next tick runs", async () => {
    const failures: string[] = [];
    const done: string[] = [];
    const pool = new JobPool(2, (id, err) => void failures.push(`${id}: ${err.message}`));
    let calls = 0;
    const scheduler = scheduleSources([source("flaky", "* * * * *")], pool, async (s) => {
      if (++calls === 1) throw new Error("the warehouse is locked");
      done.push(s.id);
    });
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await scheduler.stop();
    expect(failures).toEqual(["flaky: the warehouse is locked"]);
    expect(done).toEqual(["flaky", "flaky"]);
  });

  it("runs sources in parallel up to the concurrency, and on stop drops what is queued", async () => {
    let active = 0;
    let most = 0;
    const started: string[] = [];
    const pool = new JobPool(3, () => {});
    const sources = Array.from({ length: 8 }, (_, i) => source(`s${i}`, "0 3 * * *"));
    const scheduler = scheduleSources(sources, pool, async (s) => {
      started.push(s.id);
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 60_000));
      active--;
    });
    await vi.advanceTimersByTimeAsync(30_000 + 61_000);
    expect(most).toBe(3);
    expect(started).toHaveLength(6);
    await scheduler.stop();
    const stopping = pool.stop(90_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await stopping).toBe(true);
    expect(started).toHaveLength(6);
  });
});
