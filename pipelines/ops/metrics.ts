// Prometheus metrics of the process (one registry): what connectors fetched and landed, the runs and
// their durations, the last success and the empty-run streak per source, the scheduler's queue, what the
// stages loaded and dead-lettered, the webhook's answers, and Node's process metrics. Served on /metrics
// by serve, and by schedule and worker with --metrics-port.
import { createServer, type Server } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RunRecord } from "../../schemas/messages.ts";
import type { StageEvents } from "../stages/stage.ts";

const registry = new Registry();
collectDefaultMetrics({ register: registry });

const registers = [registry];

export const metrics = {
  fetches: new Counter({
    name: "govkpi_crawl_fetches_total",
    help: "URLs a crawl dealt with, by outcome (fetched, not_modified, excluded, failed) and reason code",
    labelNames: ["source", "outcome", "reason"],
    registers,
  }),
  runs: new Counter({ name: "govkpi_runs_total", help: "ingest runs ended, by source, kind and status", labelNames: ["source", "kind", "status"], registers }),
  runDuration: new Histogram({
    name: "govkpi_run_duration_seconds",
    help: "duration of ended ingest runs",
    labelNames: ["kind"],
    buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    registers,
  }),
  newReports: new Counter({ name: "govkpi_reports_new_total", help: "payloads landed as new or changed, by source", labelNames: ["source"], registers }),
  lastSuccess: new Gauge({
    name: "govkpi_source_last_success_timestamp_seconds",
    help: "end of the source's last run that was ok or unchanged (Unix time)",
    labelNames: ["source"],
    registers,
  }),
  lastRun: new Gauge({ name: "govkpi_source_last_run_timestamp_seconds", help: "end of the source's last run (Unix time)", labelNames: ["source"], registers }),
  emptyStreak: new Gauge({
    name: "govkpi_source_empty_runs",
    help: "runs in a row that found no report link in the source (a redesigned column)",
    labelNames: ["source"],
    registers,
  }),
  schedulerRunning: new Gauge({ name: "govkpi_scheduler_running_crawls", help: "crawls running now", registers }),
  schedulerQueued: new Gauge({ name: "govkpi_scheduler_queued_crawls", help: "crawls waiting for a free slot", registers }),
  ticksSkipped: new Counter({
    name: "govkpi_scheduler_ticks_skipped_total",
    help: "ticks skipped because the source's previous run was still queued or running",
    labelNames: ["source"],
    registers,
  }),
  tickFailures: new Counter({
    name: "govkpi_scheduler_tick_failures_total",
    help: "ticks whose run could not start or crashed",
    labelNames: ["source"],
    registers,
  }),
  stageMessages: new Counter({ name: "govkpi_stage_messages_total", help: "messages a stage handled, by result", labelNames: ["stage", "result"], registers }),
  stageBatchSeconds: new Histogram({
    name: "govkpi_stage_batch_duration_seconds",
    help: "time a stage took over one batch",
    labelNames: ["stage"],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers,
  }),
  factsLoaded: new Counter({ name: "govkpi_facts_loaded_total", help: "facts written to the warehouse", registers }),
  deadLettered: new Counter({ name: "govkpi_dead_lettered_total", help: "inputs dead-lettered, by stage", labelNames: ["stage"], registers }),
  webhookAccepted: new Counter({ name: "govkpi_webhook_accepted_total", help: "reports accepted (202)", labelNames: ["client"], registers }),
  webhookRejected: new Counter({ name: "govkpi_webhook_rejected_total", help: "requests refused, by status", labelNames: ["status"], registers }),
  webhookInflightBytes: new Gauge({ name: "govkpi_webhook_inflight_bytes", help: "request bytes being received now", registers }),
  pending: new Gauge({ name: "govkpi_stage_lag_reports", help: "announced reports not yet loaded or dead-lettered", registers }),
};

/** The stages' side of the metrics. */
export const stageMetrics: StageEvents = {
  onProcessed(stage, ok, failed) {
    metrics.stageMessages.inc({ stage, result: "ok" }, ok);
    metrics.stageMessages.inc({ stage, result: "failed" }, failed);
  },
  onDeadLetter: (letter) => metrics.deadLettered.inc({ stage: letter.stage }),
  onBatch: (stage, seconds) => metrics.stageBatchSeconds.observe({ stage }, seconds),
  onLoaded: (_reports, facts) => metrics.factsLoaded.inc(facts),
};

/** What a run's record says about its source, on the gauges and counters above. */
export function observeRun(run: RunRecord): void {
  if (!run.ended_at) return;
  const end = Date.parse(run.ended_at) / 1000;
  metrics.runs.inc({ source: run.source, kind: run.kind, status: run.status });
  metrics.runDuration.observe({ kind: run.kind }, end - Date.parse(run.started_at) / 1000);
  metrics.lastRun.set({ source: run.source }, end);
  if (run.status === "ok" || run.status === "unchanged") metrics.lastSuccess.set({ source: run.source }, end);
  if (run.kind === "crawl" && run.status !== "interrupted") metrics.emptyStreak.set({ source: run.source }, run.empty_streak);
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** /metrics and /healthz on their own port, for commands that serve nothing else. */
export function metricsServer(port: number, host: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}\n');
    if (path !== "/metrics") return void res.writeHead(404).end();
    const { contentType, body } = await metricsText();
    res.writeHead(200, { "content-type": contentType }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
