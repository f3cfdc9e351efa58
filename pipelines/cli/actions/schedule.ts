// The work of govkpi schedule (loaded only when it runs): cron ticks into a job pool, each tick's crawl
// leasing the stages of this process (or writing to Kafka), metrics on --metrics-port, a bounded stop.
import type { Source } from "../../../schemas/sources.ts";
import { landingZoneOf } from "../../runner.ts";
import { crawlRun, createWeb, failedStart } from "../../crawlRun.ts";
import { sinkFromOptions, warehouseBusy } from "../../connectorSink.ts";
import { createLog } from "../../ops/log.ts";
import { metrics, metricsServer } from "../../ops/metrics.ts";
import { JobPool } from "../../scheduler/jobPool.ts";
import { scheduleSources } from "../../scheduler/scheduler.ts";
import { sourcesOrExit } from "../sourcesFile.ts";
import { exitOnBusError } from "../busOptions.ts";
import { pinnedHosts, type CrawlerOptions } from "../connectorOptions.ts";

/** SIGTERM to exit: the crawls in hand get this long to record their interrupted runs. */
const STOP_WITHIN_MS = 4000;

export async function schedule(opts: CrawlerOptions & { metricsPort?: string; metricsHost: string }): Promise<void> {
  const log = createLog(opts.logLevel, "schedule");
  const sources = await sourcesOrExit("schedule", opts.sources);
  let sink: Awaited<ReturnType<typeof sinkFromOptions>>;
  try {
    sink = await sinkFromOptions(opts, "schedule", (line) => log.info(line));
  } catch (err) {
    return exitOnBusError("schedule", err);
  }
  const stop = new AbortController();
  const services = {
    dataDir: opts.data,
    web: createWeb({ resolve: pinnedHosts("schedule", opts.resolve), signal: stop.signal }),
    landing: landingZoneOf(opts.data),
    log,
  };
  const pool = new JobPool(Number(opts.concurrency), (id, err) => {
    metrics.tickFailures.inc({ source: id });
    log.error({ source: id, err: err.stack }, "tick failed");
  });
  const tick = async (source: Source) => {
    const lease = await sink.lease().catch(async (err: Error) => {
      await failedStart(source, new Error(warehouseBusy(err, opts.data)), null, services);
      return null;
    });
    if (!lease) return;
    try {
      await crawlRun(source, lease.outlet, services).catch((err: Error) => failedStart(source, err, lease.outlet, services));
    } finally {
      await lease.release();
    }
  };
  const scheduler = scheduleSources(sources, pool, tick, {
    started: (id) => log.info({ source: id }, "tick"),
    skipped: (id) => {
      metrics.ticksSkipped.inc({ source: id });
      log.warn({ source: id }, "tick skipped: the previous run is still queued or running");
    },
  });
  const server = opts.metricsPort
    ? await metricsServer(Number(opts.metricsPort), opts.metricsHost).catch((err: Error) => {
        console.error(`govkpi schedule: --metrics-port ${opts.metricsPort}: ${err.message}`);
        process.exit(2);
      })
    : null;
  const address = server?.address();
  if (address && typeof address === "object") log.info({ url: `http://${opts.metricsHost}:${address.port}/metrics` }, "metrics served");
  log.info({ sources: sources.map((s) => `${s.id} (${s.schedule})`), concurrency: Number(opts.concurrency), bus: sink.engine }, "scheduled");
  sink.failed.catch((err: Error) => {
    log.fatal({ err: err.message }, "the bus failed");
    process.exit(1);
  });
  const shutdown = async (signal: string) => {
    setTimeout(() => process.exit(0), STOP_WITHIN_MS + 500).unref();
    log.info({ signal }, "stopping: no new ticks; crawls in progress end as interrupted and resume next time");
    await scheduler.stop();
    stop.abort();
    const ended = await pool.stop(STOP_WITHIN_MS - 1000);
    if (!ended) log.warn("crawls still running at the deadline; their runs resume next time");
    server?.close();
    await Promise.race([sink.close(), new Promise((r) => setTimeout(r, 1000))]);
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", shutdown).once("SIGINT", shutdown);
}
