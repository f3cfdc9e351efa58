// One ingest: a connector collects payloads into the landing zone batch by batch; each batch's reports
// not yet loaded by this extractor version are announced at once (the first facts load while later files
// are still being read), with at most IN_FLIGHT reports announced and not yet settled, so memory stays flat
// however large the input. The call returns when every announced report has loaded or been dead-lettered,
// after one publish of the warehouse snapshot.
import type { Bus } from "./bus/bus.ts";
import { deadLetterId, type RawReport, type RunRecord } from "../schemas/messages.ts";
import type { DocumentLimitsInput } from "../schemas/limits.ts";
import { startRun } from "../connectors/runRecord.ts";
import { announce } from "../connectors/publishRaw.ts";
import type { LandingZone } from "./landing/landingZone.ts";
import { EXTRACTOR_VERSION } from "./stages/extract/index.ts";
import { landingZoneOf, startStages, STAGE_NAMES } from "./runner.ts";
import { stageProgress } from "./cli/progress.ts";
import type { Warehouse } from "./warehouse/warehouse.ts";
import { PendingKeys } from "./pending.ts";

export interface Collected {
  raws: RawReport[];
  /** reports the connector found already loaded without reading them (the folder's known files) */
  unchanged?: number;
  skipped: Array<{ file: string; reason: string }>;
}

/** What a connector gets to collect with: where to land, and which payloads are loaded already. */
export interface CollectContext {
  landing: LandingZone;
  warehouse: Warehouse;
  /** of these sha256s, the payloads this extractor version has loaded (one query) */
  loaded(sha256s: string[]): Promise<Set<string>>;
}

export type Collect = (landing: LandingZone, warehouse: Warehouse, ctx: CollectContext) => Promise<Collected> | AsyncIterable<Collected>;

export interface IngestOptions {
  limits?: DocumentLimitsInput;
  /** the run's identity in the runs table: the folder, or the reprocess */
  identity?: { source: string; kind: RunRecord["kind"] };
  /** announce payloads that dead-lettered before too (govkpi dlq replay); a run leaves them alone */
  retryDeadLetters?: boolean;
}

export interface IngestResult {
  collected: number;
  unchanged: number;
  /** payloads left alone because they dead-lettered before (replayed only by govkpi dlq replay) */
  deadLettered: number;
  skipped: number;
  loaded: number;
  failed: number;
}

/** A report's journey ends in the warehouse (load) or in the dead-letter table (dead-letters). */
const TERMINAL = new Set(["load", "dead-letters"]);
/** Reports announced and not yet settled: enough to keep every stage busy, few enough to bound memory. */
const IN_FLIGHT = 2048;

async function* batches(collected: Promise<Collected> | AsyncIterable<Collected>): AsyncIterable<Collected> {
  if (Symbol.asyncIterator in collected) yield* collected;
  else yield await collected;
}

function endedRun(run: RunRecord, totals: { collected: number; unchanged: number; skipped: number; announced: number }, result: IngestResult): RunRecord {
  return {
    ...run,
    ended_at: new Date().toISOString(),
    status: result.failed ? "partial" : totals.announced ? "ok" : "unchanged",
    discovered: totals.collected + totals.skipped,
    fetched: totals.collected - totals.unchanged,
    not_modified: totals.unchanged,
    excluded: totals.skipped,
    failed: result.failed,
    new: totals.announced,
    error: result.failed ? `${result.failed} report(s) dead-lettered: see dead_letters` : null,
  };
}

export async function ingest(
  bus: Bus,
  dataDir: string,
  collect: Collect,
  after?: (warehouse: Warehouse, result: IngestResult) => Promise<void>,
  { limits = {}, retryDeadLetters = false, identity = { source: "ingest", kind: "folder" } }: IngestOptions = {},
): Promise<IngestResult> {
  const landing = landingZoneOf(dataDir);
  await landing.sweep();
  const progress = stageProgress([...STAGE_NAMES, "dead-letters"]);
  const pending = new PendingKeys();
  const totals = { collected: 0, unchanged: 0, deadLettered: 0, skipped: 0, announced: 0, loaded: 0, failed: 0 };
  const stages = await startStages(
    bus,
    dataDir,
    STAGE_NAMES,
    {
      ...progress,
      onHandled(stage, keys) {
        if (!TERMINAL.has(stage)) return;
        // only this run's reports count (on Kafka a stage also sees an interrupted run's redeliveries)
        const settled = pending.settle(keys);
        if (stage === "load") totals.loaded += settled;
        else totals.failed += settled;
      },
    },
    limits,
  );
  const { warehouse } = stages;
  const run = startRun(identity.source, identity.kind);
  await warehouse!.recordRuns([run]);
  try {
    const ctx: CollectContext = { landing, warehouse: warehouse!, loaded: (shas) => warehouse!.loadedPayloads(shas, EXTRACTOR_VERSION) };
    const feed = async () => {
      for await (const part of batches(collect(landing, warehouse!, ctx))) {
        for (const s of part.skipped) console.error(`skipped ${s.file}: ${s.reason}`);
        const loaded = await ctx.loaded(part.raws.map((raw) => raw.sha256));
        const notLoaded = part.raws.filter((raw) => !loaded.has(raw.sha256));
        // a payload that dead-lettered is poison until replayed: a re-run must not feed it to the stages again
        const dead = retryDeadLetters ? new Set<string>() : await warehouse!.deadLettered(notLoaded);
        const fresh = notLoaded.filter((raw) => !dead.has(deadLetterId(raw)));
        totals.collected += part.raws.length + (part.unchanged ?? 0);
        totals.unchanged += part.raws.length - notLoaded.length + (part.unchanged ?? 0);
        totals.deadLettered += notLoaded.length - fresh.length;
        totals.skipped += part.skipped.length;
        totals.announced += fresh.length;
        progress.expect(totals.announced);
        pending.add(fresh.map((raw) => raw.landing_key));
        await announce(bus, fresh);
        await Promise.race([pending.until(IN_FLIGHT), bus.failed]);
      }
    };
    await Promise.race([feed(), bus.failed]);
    await Promise.race([pending.until(), bus.failed]);
    progress.stop();
    const result: IngestResult = {
      collected: totals.collected,
      unchanged: totals.unchanged,
      deadLettered: totals.deadLettered,
      skipped: totals.skipped,
      loaded: totals.loaded,
      failed: totals.failed,
    };
    await warehouse!.recordRuns([endedRun(run, totals, result)]);
    await warehouse!.publish();
    await after?.(warehouse!, result);
    return result;
  } catch (err) {
    await warehouse!.recordRuns([{ ...run, status: "failed", ended_at: new Date().toISOString(), error: (err as Error).message }]).catch(() => {});
    throw err;
  } finally {
    progress.stop();
    // a bus that failed has said why already: that error is what the run reports
    await bus.close().catch(() => {});
    await stages.stop();
  }
}
