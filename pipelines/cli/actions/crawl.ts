// The work of govkpi crawl (loaded only when it runs): the sources crawled in parallel through a job pool,
// their output to the stages of this process or to Kafka, a line per source, the exit code from the runs.
import type { RunRecord } from "../../../schemas/messages.ts";
import { landingZoneOf } from "../../runner.ts";
import { crawlRun, createWeb, failedStart } from "../../crawlRun.ts";
import { sinkFromOptions, warehouseBusy } from "../../connectorSink.ts";
import { createLog } from "../../ops/log.ts";
import { JobPool } from "../../scheduler/jobPool.ts";
import { sourcesOrExit } from "../sourcesFile.ts";
import { exitOnBusError } from "../busOptions.ts";
import { pinnedHosts, type CrawlerOptions } from "../connectorOptions.ts";

const line = (r: RunRecord) =>
  `${r.source}: ${r.status}, ${r.discovered} report links, ${r.new} new or changed, ${r.not_modified} not modified, ` +
  `${r.excluded} excluded, ${r.failed} failed${r.ended_at ? ` (${((Date.parse(r.ended_at) - Date.parse(r.started_at)) / 1000).toFixed(1)} s)` : ""}`;

/** 0: every source read; 1: some URLs failed; 3: a source could not be read (or the run was cut short). */
export function exitCodeOf(runs: RunRecord[]): number {
  if (runs.some((r) => r.status === "failed" || r.status === "interrupted")) return 3;
  return runs.some((r) => r.status === "partial") ? 1 : 0;
}

export async function crawl(opts: CrawlerOptions & { source?: string }): Promise<void> {
  const log = createLog(opts.logLevel, "crawl");
  const sources = await sourcesOrExit("crawl", opts.sources, opts.source);
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    log.warn("stopping: the runs in progress end as interrupted and resume next time");
    // what was announced and not yet loaded waits in the inbox for the next run
    setTimeout(() => process.exit(130), 5000).unref();
    stop.abort();
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  let sink: Awaited<ReturnType<typeof sinkFromOptions>>;
  try {
    sink = await sinkFromOptions(opts, "crawl", (line) => log.info(line));
  } catch (err) {
    return exitOnBusError("crawl", err);
  }
  const hold = await sink.lease().catch((err: Error) => {
    console.error(`govkpi crawl: ${warehouseBusy(err, opts.data)}`);
    process.exit(2);
  });
  const services = {
    dataDir: opts.data,
    web: createWeb({ resolve: pinnedHosts("crawl", opts.resolve), signal: stop.signal }),
    landing: landingZoneOf(opts.data),
    log,
  };
  const runs: RunRecord[] = [];
  const pool = new JobPool(Number(opts.concurrency), (id, err) => log.error({ source: id, err: err.stack }, "crawl job crashed"));
  for (const source of sources) {
    pool.submit(source.id, async () => {
      runs.push(await crawlRun(source, hold.outlet, services).catch((err: Error) => failedStart(source, err, hold.outlet, services)));
    });
  }
  await Promise.race([pool.drained(), sink.failed]);
  if (sink.engine === "embedded" && !stop.signal.aborted) log.info("crawls done; waiting for the stages to load what was new");
  await (stop.signal.aborted ? sink.close() : hold.release().then(() => sink.close()));
  for (const r of runs) console.log(line(r));
  process.exit(stop.signal.aborted ? 130 : exitCodeOf(runs));
}
