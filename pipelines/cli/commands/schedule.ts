// govkpi schedule: crawl every source on its cron schedule until SIGTERM, sources in parallel (each host
// still polite), each tick on its own: a tick that fails is recorded and the next one runs. On SIGTERM it
// takes no new work, interrupts the crawls in progress (they resume next time) and exits within seconds.
import type { Command } from "commander";
import { addCrawlerOptions, type CrawlerOptions } from "../connectorOptions.ts";

export function registerSchedule(program: Command): void {
  const command = program
    .command("schedule")
    .description("crawl each source of a sources.yaml on its schedule until SIGTERM (never two runs of one source at once)")
    .option("--metrics-port <port>", "serve Prometheus /metrics and /healthz on this port")
    .option("--metrics-host <host>", "address for --metrics-port", "127.0.0.1");
  addCrawlerOptions(command).action(async (opts: CrawlerOptions & { metricsPort?: string; metricsHost: string }) =>
    (await import("../actions/schedule.ts")).schedule(opts),
  );
}
