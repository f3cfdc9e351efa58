// The scheduler on node-cron with a fake clock: runs fire on their cron times and never overlap.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleSources } from "../../pipelines/scheduler/scheduler.ts";
import { Source } from "../../schemas/sources.ts";

const source = (id: string, schedule: string) =>
  Source.parse({ id, start_urls: [`https://${id}.gov.cn/list.html`], allow_hosts: [`${id}.gov.cn`], schedule });

beforeEach(() => vi.useFakeTimers({ now: new Date("2026-01-05T02:59:30Z") }));
afterEach(() => vi.useRealTimers());

describe("scheduler", () => {
  it("fires each source on its schedule, and skips a tick while the source's run is still going", async () => {
    const starts: Array<[string, string]> = [];
    const skipped: string[] = [];
    let active = 0;
    let overlap = false;
    const scheduler = scheduleSources(
      [source("every-minute", "* * * * *"), source("every-two", "*/2 * * * *")],
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
    // stopping waits for the run in flight, which needs the clock to go on
    const stopping = scheduler.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    await stopping;
    const minute = starts.filter(([id]) => id === "every-minute").map(([, t]) => t);
    const two = starts.filter(([id]) => id === "every-two").map(([, t]) => t);
    expect(minute).toEqual(["03:00", "03:02", "03:04"]);
    expect(skipped).toEqual(["every-minute@03:01", "every-minute@03:03"]);
    expect(two).toEqual(["03:00", "03:02", "03:04"]);
    expect(overlap).toBe(false);
  });
});
