// The stages running in this process on the embedded bus, as an Outlet for connectors that run beside
// them (crawl, schedule, serve without Kafka). A report counts as announced once its message is in the
// fsync'ed inbox; its inbox entry goes when it is loaded or dead-lettered, and whatever a killed process
// left there is announced again when the next one opens the pipeline, so nothing is lost.
import { join } from "node:path";
import { EmbeddedBus } from "./bus/embedded.ts";
import { Inbox } from "../connectors/inbox.ts";
import { announce, type Outlet } from "../connectors/publishRaw.ts";
import { TOPICS, deadLetterId, type DeadLetter, type RawReport, type RunRecord } from "../schemas/messages.ts";
import { PendingKeys } from "./pending.ts";
import { landingZoneOf, type RunningStages, startStages, STAGE_NAMES } from "./runner.ts";
import type { DocumentLimitsInput } from "../schemas/limits.ts";
import { allEvents, type StageEvents } from "./stages/stage.ts";
import type { Warehouse } from "./warehouse/warehouse.ts";
import { metrics, stageMetrics } from "./ops/metrics.ts";

/** Where a report's journey ends. */
const SETTLED = new Set(["load", "dead-letters"]);

export class LocalPipeline implements Outlet {
  private readonly pending = new PendingKeys();

  private constructor(
    private readonly bus: EmbeddedBus,
    private readonly stages: RunningStages,
    readonly warehouse: Warehouse,
    private readonly inbox: Inbox,
  ) {}

  /** Opens the warehouse (throws when another process holds its file) and starts the stages. */
  static async open(dataDir: string, events: StageEvents = {}, limits: DocumentLimitsInput = {}): Promise<LocalPipeline> {
    const bus = new EmbeddedBus();
    const inbox = new Inbox(join(dataDir, "inbox"));
    let pipeline: LocalPipeline | null = null;
    const settle: StageEvents = {
      onHandled: (stage, keys) => {
        if (SETTLED.has(stage)) pipeline?.settle(keys);
      },
    };
    await landingZoneOf(dataDir).sweep();
    const stages = await startStages(bus, dataDir, STAGE_NAMES, allEvents(settle, stageMetrics, events), limits);
    pipeline = new LocalPipeline(bus, stages, stages.warehouse!, inbox);
    const left = await inbox.pending();
    // a payload that dead-lettered is poison: announcing it again on every start would be a crash loop in waiting
    const dead = await stages.warehouse!.deadLettered(left);
    for (const raw of left.filter((r) => dead.has(deadLetterId(r)))) await inbox.remove(raw.landing_key);
    const retry = left.filter((r) => !dead.has(deadLetterId(r)));
    pipeline.track(retry.map((raw) => raw.landing_key));
    await announce(bus, retry);
    return pipeline;
  }

  /** Reports a previous process accepted and never settled, announced again by open(). */
  get unsettled(): number {
    return this.pending.size;
  }

  get failed(): Promise<never> {
    return this.bus.failed;
  }

  private track(keys: string[]): void {
    this.pending.add(keys);
    metrics.pending.set(this.pending.size);
  }

  private settle(keys: string[]): void {
    this.pending.settle(keys);
    for (const key of keys) void this.inbox.remove(key);
    metrics.pending.set(this.pending.size);
  }

  async announce(raw: RawReport): Promise<void> {
    await this.inbox.add(raw);
    this.track([raw.landing_key]);
    await announce(this.bus, [raw]);
  }

  deadLetter(letter: DeadLetter): Promise<void> {
    return this.bus.publish(TOPICS.dlq, [{ key: letter.source_url ?? letter.stage, value: letter }]);
  }

  run(record: RunRecord): Promise<void> {
    return this.bus.publish(TOPICS.runs, [{ key: record.run_id, value: record }]);
  }

  /** Resolves once every report announced here is loaded or dead-lettered. */
  async settled(): Promise<void> {
    await Promise.race([this.pending.until(), this.bus.failed]);
  }

  /** Lets the stages finish what they hold, publishes the warehouse and closes it. */
  async close(): Promise<void> {
    try {
      await this.bus.close();
      await this.warehouse.publish();
    } finally {
      await this.stages.stop();
    }
  }
}
