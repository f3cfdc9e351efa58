// govkpi worker: one stage as a Kafka consumer group member, until SIGTERM/SIGINT. Start as many as the
// topic has partitions to scale a stage out; `--stage load` owns the DuckDB file of its data dir.
import { Option, type Command } from "commander";
import { STAGE_NAMES, type StageName } from "../../stageNames.ts";
import { addLimitOptions, limitsFromOptions, type LimitOptions } from "../limitOptions.ts";
import { addBusOptions, busFromOptions, closeOnSignal, exitOnBusError, type BusOptions } from "../busOptions.ts";

export function registerWorker(program: Command): void {
  const worker = program
    .command("worker")
    .description("run one stage on Kafka until SIGTERM (scale out by starting more of the same stage)")
    .addOption(new Option("--stage <stage>", "the stage to run").choices(STAGE_NAMES).makeOptionMandatory())
    .option("--data <dir>", "data directory (landing zone shared by all workers; the load worker's DuckDB and Parquet)", "./data");
  addLimitOptions(addBusOptions(worker, "kafka only")).action(async (opts: Omit<BusOptions, "bus"> & LimitOptions & { stage: StageName; data: string }) => {
    const limits = limitsFromOptions("worker", opts);
    const [{ startStages }, { stageProgress }] = await Promise.all([import("../../runner.ts"), import("../progress.ts")]);
    try {
      const bus = await busFromOptions({ ...opts, bus: "kafka" });
      const progress = stageProgress(opts.stage === "load" ? ["load", "dead-letters"] : [opts.stage]);
      const stages = await startStages(bus, opts.data, [opts.stage], progress, limits);
      closeOnSignal(bus, async () => {
        progress.stop();
        await stages.stop();
        process.exit(0);
      });
      await bus.failed.catch((err: Error) => {
        console.error(`govkpi worker: ${err.message}`);
        process.exit(1);
      });
    } catch (err) {
      exitOnBusError("worker", err);
    }
  });
}
