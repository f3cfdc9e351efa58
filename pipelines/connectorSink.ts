// Where a connector command (crawl, schedule, serve) sends what it finds: Kafka, where the workers pick it
// up and this process keeps nothing of the warehouse; or the stages of this process (embedded bus), which
// hold the warehouse's file only while some job needs them, so other commands can use it in between.
import type { Bus } from "./bus/bus.ts";
import { busOutlet, type Outlet } from "../connectors/publishRaw.ts";
import { LocalPipeline } from "./localPipeline.ts";
import type { StageEvents } from "./stages/stage.ts";
import { WarehouseBusyError } from "./warehouse/warehouse.ts";
import { busFromOptions, type BusOptions } from "./cli/busOptions.ts";
import { limitsFromOptions, type LimitOptions } from "./cli/limitOptions.ts";
import type { DocumentLimitsInput } from "../schemas/limits.ts";

interface Lease {
  outlet: Outlet;
  /** the job is over: on the embedded bus the last one out waits for its reports to settle and closes the stages */
  release(): Promise<void>;
}

export interface ConnectorSink {
  readonly engine: "embedded" | "kafka";
  /** Throws when the stages cannot start (another process holds the warehouse). */
  lease(): Promise<Lease>;
  close(): Promise<void>;
  /** rejects when the bus cannot go on */
  readonly failed: Promise<never>;
}

function kafkaSink(bus: Bus): ConnectorSink {
  const outlet = busOutlet(bus);
  return { engine: "kafka", lease: async () => ({ outlet, release: async () => {} }), close: () => bus.close(), failed: bus.failed };
}

function embeddedSink(dataDir: string, events: StageEvents = {}, limits: DocumentLimitsInput = {}): ConnectorSink {
  let pipeline: Promise<LocalPipeline> | null = null;
  let closing: Promise<void> = Promise.resolve();
  let holders = 0;
  let fail!: (err: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const open = async () => {
    await closing;
    const p = await LocalPipeline.open(dataDir, events, limits);
    p.failed.catch(fail);
    return p;
  };
  return {
    engine: "embedded",
    failed,
    async lease(): Promise<Lease> {
      holders++;
      let p: LocalPipeline;
      try {
        pipeline ??= open();
        p = await pipeline;
      } catch (err) {
        holders--;
        pipeline = null;
        throw err;
      }
      let released = false;
      return {
        outlet: p,
        release: async () => {
          if (released) return;
          released = true;
          if (--holders > 0) return;
          await p.settled();
          if (holders > 0 || pipeline === null) return;
          pipeline = null;
          closing = p.close();
          await closing;
        },
      };
    },
    async close() {
      const p = await pipeline?.catch(() => null);
      pipeline = null;
      await closing;
      await p?.close();
    },
  };
}

/** `log`: where the Kafka engine's lines go (the command's JSON log). */
export async function sinkFromOptions(
  opts: BusOptions & LimitOptions & { data: string },
  command: string,
  log: (line: string) => void,
): Promise<ConnectorSink> {
  return opts.bus === "kafka" ? kafkaSink(await busFromOptions(opts, log)) : embeddedSink(opts.data, {}, limitsFromOptions(command, opts));
}

/** The one line to say when the stages cannot open this process's warehouse. */
export function warehouseBusy(err: Error, data: string): string {
  return err instanceof WarehouseBusyError
    ? `${err.message}; beside load workers, use --bus kafka`
    : `cannot open the warehouse in ${data}: ${err.message.split("\n")[0]}`;
}
