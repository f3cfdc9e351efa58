// The work of govkpi serve (loaded only when it runs): the webhook server on the stages of this process
// or on Kafka, its clients' runs, a bounded stop.
import { BatchRuns } from "../../../connectors/webhook/batchRuns.ts";
import { webhookServer } from "../../../connectors/webhook/server.ts";
import { sinkFromOptions, warehouseBusy } from "../../connectorSink.ts";
import { LocalPipeline } from "../../localPipeline.ts";
import { createLog } from "../../ops/log.ts";
import { landingZoneOf } from "../../runner.ts";
import { exitOnBusError } from "../busOptions.ts";
import type { ServeOptions } from "../commands/serve.ts";

/** GOVKPI_WEBHOOK_TOKEN: one token (client "webhook"), or CLIENT:TOKEN pairs separated by commas. */
export function parseClients(value: string): Map<string, string> {
  const clients = new Map<string, string>();
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9][a-z0-9_-]*):(.+)$/.exec(entry);
    const [client, token] = m ? [m[1]!, m[2]!] : ["webhook", entry];
    if (token.length < 16) throw new Error(`the token of client ${client} is shorter than 16 characters`);
    clients.set(token, client);
  }
  if (!clients.size) throw new Error("no token");
  return clients;
}

export async function serve(opts: ServeOptions): Promise<void> {
  const log = createLog(opts.logLevel, "serve");
  let clients: Map<string, string>;
  try {
    clients = parseClients(process.env[opts.tokenEnv] ?? "");
  } catch (err) {
    console.error(`govkpi serve: set the bearer token in ${opts.tokenEnv} (${(err as Error).message}); refusing to start without one`);
    return process.exit(2);
  }
  let sink: Awaited<ReturnType<typeof sinkFromOptions>>;
  try {
    sink = await sinkFromOptions(opts, "serve", (line) => log.info(line));
  } catch (err) {
    return exitOnBusError("serve", err);
  }
  const lease = await sink.lease().catch((err: Error) => {
    console.error(`govkpi serve: ${warehouseBusy(err, opts.data)}`);
    process.exit(2);
  });
  const local = lease.outlet instanceof LocalPipeline ? lease.outlet : null;
  if (local?.unsettled) log.warn({ reports: local.unsettled }, "re-announced reports a previous run had accepted but not finished");
  const runs = new BatchRuns((r) => lease.outlet.run(r), { idleMs: Number(opts.runIdleSeconds) * 1000, maxMs: 15 * 60_000 });
  const server = webhookServer({
    clients,
    maxBytes: Number(opts.maxBytes),
    maxInflightRequests: Number(opts.maxInflightRequests),
    maxInflightBytes: Number(opts.maxInflightBytes),
    backlogged: () => (local?.unsettled ?? 0) >= Number(opts.maxBacklog),
    landing: landingZoneOf(opts.data),
    outlet: lease.outlet,
    runs,
    log,
  });
  server.once("error", (err: NodeJS.ErrnoException) => {
    const why =
      err.code === "EADDRINUSE"
        ? `${opts.host}:${opts.port} is already in use`
        : err.code === "EACCES"
          ? `no permission to listen on ${opts.host}:${opts.port}`
          : err.message;
    console.error(`govkpi serve: ${why}`);
    process.exit(2);
  });
  server.listen(Number(opts.port), opts.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : opts.port;
    log.info({ url: `http://${opts.host}:${port}`, clients: [...new Set(clients.values())], bus: sink.engine }, `listening on http://${opts.host}:${port}`);
  });
  sink.failed.catch((err: Error) => {
    log.fatal({ err: err.message }, "the bus failed");
    process.exit(1);
  });
  const stop = (signal: string) => {
    setTimeout(() => process.exit(0), 5000).unref();
    log.info({ signal }, "stopping: no new requests; the accepted ones are safe in the inbox or on Kafka");
    server.close();
    server.closeIdleConnections();
    void runs
      .closeAll()
      .then(() => sink.close())
      .then(() => process.exit(0));
  };
  process.once("SIGTERM", stop).once("SIGINT", stop);
}
