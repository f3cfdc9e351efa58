// govkpi worker: one stage as a Kafka consumer group member, until SIGTERM/SIGINT. Start as many as the
// topic has partitions to scale a stage out; `--stage load` owns the DuckDB file of its data dir.
import { Option, type Command } from "commander";
import { STAGE_NAMES, type StageName } from "../../stageNames.ts";
import { addLimitOptions, limitsFromOptions, type LimitOptions } from "../limitOptions.ts";
import { addBusOptions, busFromOptions, closeOnSignal, exitOnBusError, type BusOptions } from "../busOptions.ts";
import { logLevelOption } from "../connectorOptions.ts";

export function registerWorker(program: Command): void {
  const worker = program
    .command("worker")
    .description("run one stage on Kafka until SIGTERM (scale out by starting more of the same stage)")
    .addOption(new Option("--stage <stage>", "the stage to run").choices(STAGE_NAMES).makeOptionMandatory())
    .option("--data <dir>", "data directory (landing zone shared by all workers; the load worker's DuckDB and Parquet)", "./data")
    .addOption(logLevelOption())
    .option("--metrics-port <port>", "serve Prometheus /metrics and /healthz on this port")
    .option("--metrics-host <host>", "address for --metrics-port", "127.0.0.1");
  type WorkerOptions = Omit<BusOptions, "bus"> & LimitOptions & { stage: StageName; data: string; logLevel: string; metricsPort?: string; metricsHost: string };
  addLimitOptions(addBusOptions(worker, "kafka only")).action(async (opts: WorkerOptions) => {
    const limits = limitsFromOptions("worker", opts);
    const [{ startStages }, { createLog }, { metricsServer, stageMetrics }, { allEvents }] = await Promise.all([
      import("../../runner.ts"),
      import("../../ops/log.ts"),
      import("../../ops/metrics.ts"),
      import("../../stages/stage.ts"),
    ]);
    const log = createLog(opts.logLevel, "worker").child({ stage: opts.stage });
    try {
      const bus = await busFromOptions({ ...opts, bus: "kafka" }, (line) => log.info(line));
      const totals = new Map<string, { ok: number; failed: number }>();
      const logged = {
        onProcessed(stage: string, ok: number, failed: number) {
          const t = totals.get(stage) ?? { ok: 0, failed: 0 };
          totals.set(stage, { ok: t.ok + ok, failed: t.failed + failed });
          log.info({ batch_ok: ok, batch_failed: failed }, `${stage}: ${t.ok + ok} ok, ${t.failed + failed} failed`);
        },
        onDeadLetter: (d: { stage: string; reason: string; source_url: string | null }) =>
          log.warn({ dead_letter_stage: d.stage, source_url: d.source_url, reason: d.reason }, "dead letter"),
      };
      const stages = await startStages(bus, opts.data, [opts.stage], allEvents(logged, stageMetrics), limits);
      const server = opts.metricsPort ? await metricsServer(Number(opts.metricsPort), opts.metricsHost) : null;
      closeOnSignal(
        bus,
        async () => {
          server?.close();
          await stages.stop();
          process.exit(0);
        },
        (line) => log.info(line),
      );
      await bus.failed.catch((err: Error) => {
        log.fatal({ err: err.message }, `govkpi worker: ${err.message}`);
        process.exit(1);
      });
    } catch (err) {
      exitOnBusError("worker", err);
    }
  });
}
