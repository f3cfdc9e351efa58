// govkpi serve: the webhook receiver. Reports go to the stages of this process (embedded bus; it then
// owns the data dir's warehouse) or, with --bus kafka, to the workers, keeping nothing of the warehouse.
import type { Command } from "commander";
import { addConnectorOptions, type ConnectorOptions } from "../connectorOptions.ts";

export interface ServeOptions extends ConnectorOptions {
  host: string;
  port: string;
  tokenEnv: string;
  maxBytes: string;
  maxInflightRequests: string;
  maxInflightBytes: string;
  maxBacklog: string;
  runIdleSeconds: string;
}

export function registerServe(program: Command): void {
  const command = program
    .command("serve")
    .description("receive reports over HTTP (POST /reports with a bearer token) for the stages here or on Kafka")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", "8080")
    .option("--token-env <name>", "environment variable holding the bearer token (or CLIENT:TOKEN,… pairs)", "GOVKPI_WEBHOOK_TOKEN")
    .option("--max-bytes <n>", "largest accepted body", String(50 * 1024 * 1024))
    .option("--max-inflight-requests <n>", "posts received at once; more are answered 503", "32")
    .option("--max-inflight-bytes <n>", "request bytes held at once; more are answered 503", String(256 * 1024 * 1024))
    .option("--max-backlog <n>", "reports accepted and not yet loaded (embedded bus); more are answered 503", "1000")
    .option("--run-idle-seconds <s>", "a client quiet this long ends its run in the runs table", "60");
  addConnectorOptions(command).action(async (opts: ServeOptions) => (await import("../actions/serve.ts")).serve(opts));
}
