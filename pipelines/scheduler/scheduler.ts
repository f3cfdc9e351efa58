// Runs each source's crawl on its cron schedule, never two runs of one source at once: a tick that comes
// while the source's previous run is still going is skipped and said so.
import { schedule as cronSchedule } from "node-cron";
import type { Source } from "../../schemas/sources.ts";

export interface ScheduledTask {
  stop(): void | Promise<void>;
}

/** node-cron's schedule, or a stand-in with the same shape. */
export type Schedule = (expression: string, tick: () => void) => ScheduledTask;

export interface SchedulerEvents {
  started?(source: string): void;
  finished?(source: string, error: Error | null): void;
  skipped?(source: string): void;
}

export function scheduleSources(
  sources: Source[],
  crawl: (source: Source) => Promise<void>,
  events: SchedulerEvents = {},
  schedule: Schedule = (expression, tick) => cronSchedule(expression, tick),
): { stop(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const tasks = sources.map((source) =>
    schedule(source.schedule, () => {
      if (running.has(source.id)) return events.skipped?.(source.id);
      events.started?.(source.id);
      const run = crawl(source).then(
        () => events.finished?.(source.id, null),
        (err: Error) => events.finished?.(source.id, err),
      ).finally(() => running.delete(source.id));
      running.set(source.id, run);
    }),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.all(running.values());
    },
  };
}
