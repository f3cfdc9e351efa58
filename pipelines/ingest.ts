// One ingest: a connector collects payloads into the landing zone, the stages carry them to the
// warehouse, and the call returns when every announced report has landed or been dead-lettered.
import type { Bus } from "./bus/bus.ts";
import type { RawReport } from "../schemas/messages.ts";
import { announce } from "../connectors/publishRaw.ts";
import type { LandingZone } from "./landing/landingZone.ts";
import { EXTRACTOR_VERSION } from "./stages/extract/index.ts";
import { landingZoneOf, startStages, STAGE_NAMES } from "./runner.ts";
import { stageProgress } from "./cli/progress.ts";
import type { Warehouse } from "./warehouse/warehouse.ts";

export interface Collected {
  raws: RawReport[];
  skipped: Array<{ file: string; reason: string }>;
}

export interface IngestResult {
  collected: number;
  unchanged: number;
  skipped: number;
  loaded: number;
  failed: number;
}

/** A report's journey ends in the warehouse (load) or in the dead-letter table (dead-letters). */
const TERMINAL = ["load", "dead-letters"];

export async function ingest(
  bus: Bus,
  dataDir: string,
  collect: (landing: LandingZone, warehouse: Warehouse) => Promise<Collected>,
  after?: (warehouse: Warehouse, result: IngestResult) => Promise<void>,
): Promise<IngestResult> {
  const progress = stageProgress([...STAGE_NAMES, "dead-letters"]);
  const { warehouse } = await startStages(bus, dataDir, STAGE_NAMES, progress);
  try {
    const collected = await collect(landingZoneOf(dataDir), warehouse!);
    for (const s of collected.skipped) console.error(`skipped ${s.file}: ${s.reason}`);
    const fresh: RawReport[] = [];
    for (const raw of collected.raws) {
      if (!(await warehouse!.isLoaded(raw.sha256, raw.source_url, EXTRACTOR_VERSION))) fresh.push(raw);
    }
    progress.expect(fresh.length);
    await announce(bus, fresh);
    await Promise.race([progress.untilHandled(TERMINAL, fresh.map((raw) => raw.landing_key)), bus.failed]);
    await warehouse!.publish();
    progress.stop();
    const counts = progress.counts();
    const result: IngestResult = {
      collected: collected.raws.length,
      unchanged: collected.raws.length - fresh.length,
      skipped: collected.skipped.length,
      loaded: counts.get("load")!.ok,
      failed: counts.get("dead-letters")!.ok,
    };
    await after?.(warehouse!, result);
    return result;
  } finally {
    progress.stop();
    await bus.close();
    warehouse?.close();
  }
}
