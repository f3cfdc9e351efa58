// One source's crawl as a run: its crawl state opened (one crawl of a source at a time), what earlier
// processes left (a run killed mid-way is closed as interrupted and resumed; records the bus could not
// take are delivered), the crawl, and the run's record sent when it starts and when it ends.
// `govkpi crawl` runs it for the chosen sources, `govkpi schedule` on each source's cron.
import { join } from "node:path";
import type { RunRecord } from "../schemas/messages.ts";
import type { Source } from "../schemas/sources.ts";
import { SourceCrawl } from "../connectors/crawler/crawl.ts";
import { CrawlLockedError, CrawlState } from "../connectors/crawler/crawlState.ts";
import { HostGate } from "../connectors/crawler/hostGate.ts";
import { dispatcherFor } from "../connectors/crawler/http.ts";
import { RobotsCache, type Web } from "../connectors/crawler/politeFetch.ts";
import type { Outlet } from "../connectors/publishRaw.ts";
import { startRun } from "../connectors/runRecord.ts";
import type { LandingZone } from "./landing/landingZone.ts";
import type { Log } from "./ops/log.ts";
import { metrics, observeRun } from "./ops/metrics.ts";

export interface CrawlServices {
  dataDir: string;
  web: Web;
  landing: LandingZone;
  log: Log;
}

/** What every crawl of the process shares; `resolve` pins host names to addresses (as curl --resolve). */
export function createWeb(o: { resolve?: Record<string, string>; signal?: AbortSignal } = {}): Web {
  return { gate: new HostGate(), robots: new RobotsCache(), dispatcher: dispatcherFor(o.resolve), signal: o.signal };
}

const stateDir = (dataDir: string) => join(dataDir, "crawl");
/** A run killed longer ago than this starts afresh rather than resuming. */
const RESUME_WITHIN_MS = 24 * 3600_000;

/** Sends a run record, and notes in the journal whether the bus took it. */
async function deliver(state: CrawlState, outlet: Outlet, run: RunRecord, log: Log): Promise<void> {
  await state.saveRun(run, false);
  try {
    await outlet.run(run);
    await state.saveRun(run, true);
  } catch (err) {
    log.warn({ source: run.source, run_id: run.run_id, err: (err as Error).message }, "run record not sent; it will be with the next run");
  }
}

/** Closes what a killed process left running, and sends what could not be sent before. Returns the run to resume. */
async function settleHistory(state: CrawlState, outlet: Outlet, log: Log): Promise<string | null> {
  let resume: string | null = null;
  for (const { run } of state.history().filter((h) => h.run.status === "running")) {
    const closed: RunRecord = { ...run, status: "interrupted", ended_at: new Date().toISOString(), error: "the process ended before the run did" };
    if (Date.now() - Date.parse(run.started_at) < RESUME_WITHIN_MS) resume = run.run_id;
    log.warn({ source: run.source, run_id: run.run_id }, "closing a run a killed process left running; resuming it");
    await state.saveRun(closed, false);
  }
  const history = state.history();
  // the last record again as well: a process killed right after sending it may have lost it on the way
  for (const [i, { run, reported }] of history.entries()) if (!reported || i === history.length - 1) await deliver(state, outlet, run, log);
  return resume;
}

export async function crawlRun(source: Source, outlet: Outlet, s: CrawlServices): Promise<RunRecord> {
  const state = await CrawlState.open(stateDir(s.dataDir), source.id);
  try {
    const resumeRunId = await settleHistory(state, outlet, s.log);
    const run = startRun(source.id, "crawl", state.history().at(-1)?.run.empty_streak ?? 0);
    await deliver(state, outlet, run, s.log);
    s.log.info({ source: source.id, run_id: run.run_id, resume: resumeRunId }, "crawl started");
    let final: RunRecord;
    try {
      final = await new SourceCrawl(source, run, {
        web: s.web,
        state,
        outlet,
        landing: s.landing,
        resumeRunId,
        onOutcome: (outcome, reason) => metrics.fetches.inc({ source: source.id, outcome, reason }),
      }).crawl();
    } catch (err) {
      s.log.error({ source: source.id, err: (err as Error).stack }, "crawl crashed");
      final = { ...run, status: "failed", ended_at: new Date().toISOString(), error: `crawl crashed: ${(err as Error).message}` };
    }
    await deliver(state, outlet, final, s.log);
    observeRun(final);
    metrics.newReports.inc({ source: source.id }, final.new);
    const { run_id, status, discovered, fetched, not_modified, excluded, failed, new: fresh, empty_streak } = final;
    s.log[status === "failed" || status === "partial" ? "warn" : "info"](
      { source: source.id, run_id, status, discovered, fetched, not_modified, excluded, failed, new: fresh, empty_streak, error: final.error },
      "crawl ended",
    );
    return final;
  } finally {
    await state.close();
  }
}

/** A run that could not start (the source or the warehouse locked): recorded, and sent when possible. */
export async function failedStart(source: Source, err: Error, outlet: Outlet | null, s: Pick<CrawlServices, "dataDir" | "log">): Promise<RunRecord> {
  const run: RunRecord = { ...startRun(source.id, "crawl"), status: "failed", ended_at: new Date().toISOString(), error: `could not start: ${err.message}` };
  s.log.error({ source: source.id, run_id: run.run_id, err: err.message }, "crawl could not start");
  metrics.tickFailures.inc({ source: source.id });
  observeRun(run);
  if (err instanceof CrawlLockedError) {
    // another process owns this source's journal; only the bus can carry the record
    await outlet?.run(run).catch(() => {});
    return run;
  }
  const state = await CrawlState.open(stateDir(s.dataDir), source.id).catch(() => null);
  if (!state) return run;
  try {
    const previous = state.history().at(-1)?.run.empty_streak ?? 0;
    const recorded = { ...run, empty_streak: previous };
    if (outlet) await deliver(state, outlet, recorded, s.log);
    else await state.saveRun(recorded, false);
    return recorded;
  } finally {
    await state.close();
  }
}
