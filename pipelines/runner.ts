// Wires the stages onto a bus: the same code whichever engine carries the messages.
import { join } from "node:path";
import type { DocumentLimitsInput } from "../schemas/limits.ts";
import type { Bus } from "./bus/bus.ts";
import { LandingZone } from "./landing/landingZone.ts";
import { DocumentPool } from "./pool/pool.ts";
import { Warehouse } from "./warehouse/warehouse.ts";
import { runStage, type StageEvents } from "./stages/stage.ts";
import { parseStage } from "./stages/parse/stage.ts";
import { extractStage } from "./stages/extract/stage.ts";
import { deadLetterSink, loadStage, runSink } from "./stages/load/stage.ts";

import { STAGE_NAMES, type StageName } from "./stageNames.ts";

export { STAGE_NAMES, type StageName };

export const landingZoneOf = (dataDir: string) => new LandingZone(join(dataDir, "landing"));

export interface RunningStages {
  warehouse: Warehouse | null;
  /** the worker processes parse and extract run documents in */
  pool: DocumentPool | null;
  /** stops the pool and closes the warehouse (close the bus first: it finishes the batches in hand) */
  stop(): Promise<void>;
}

/** Starts the given stages; `load` also runs the dead-letter and runs sinks, since they write the warehouse too. */
export async function startStages(
  bus: Bus,
  dataDir: string,
  stages: readonly StageName[],
  events: StageEvents = {},
  limits: DocumentLimitsInput = {},
): Promise<RunningStages> {
  const landing = landingZoneOf(dataDir);
  const pool = stages.includes("parse") || stages.includes("extract") ? new DocumentPool(limits) : null;
  let warehouse: Warehouse | null = null;
  for (const name of stages) {
    if (name === "parse") await runStage(bus, parseStage(landing, pool!), events);
    if (name === "extract") await runStage(bus, extractStage(landing, pool!), events);
    if (name === "load") {
      warehouse = await Warehouse.open(dataDir);
      await runStage(
        bus,
        loadStage(warehouse, (reports, facts) => events.onLoaded?.(reports, facts)),
        events,
      );
      await runStage(bus, deadLetterSink(warehouse), events);
      await runStage(bus, runSink(warehouse), events);
    }
  }
  return {
    warehouse,
    pool,
    async stop() {
      await pool?.close();
      await warehouse?.close();
    },
  };
}
