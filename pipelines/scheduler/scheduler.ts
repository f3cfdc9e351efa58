// Runs each source's crawl on its cron schedule through a job pool (sources in parallel up to its
// concurrency; per-host politeness is the crawler's): a tick while the source's previous run is queued or
// running is skipped and said so; a tick whose run fails is reported and the next tick runs as usual.
import { schedule as cronSchedule } from "node-cron";
import type { Source } from "../../schemas/sources.ts";
import type { JobPool } from "./jobPool.ts";

interface ScheduledTask {
  stop(): void | Promise<void>;
}

/** node-cron's schedule, or a stand-in with the same shape. */
export type Schedule = (expression: string, tick: () => void) => ScheduledTask;

export interface SchedulerEvents {
  started?(source: string): void;
  skipped?(source: string): void;
}

export function scheduleSources(
  sources: Source[],
  pool: JobPool,
  crawl: (source: Source) => Promise<void>,
  events: SchedulerEvents = {},
  schedule: Schedule = (expression, tick) => cronSchedule(expression, tick),
): { stop(): Promise<void> } {
  const tasks = sources.map((source) =>
    schedule(source.schedule, () => {
      const queued = pool.submit(source.id, async () => {
        events.started?.(source.id);
        await crawl(source);
      });
      if (!queued) events.skipped?.(source.id);
    }),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
