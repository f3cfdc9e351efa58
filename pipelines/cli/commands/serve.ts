// govkpi serve: the webhook receiver, with the stages running in the same process on the embedded bus.
import type { Command } from "commander";
import { join } from "node:path";
import { STAGE_NAMES } from "../../stageNames.ts";

/** Where a report's journey ends: then its inbox entry can go. */
const SETTLED = new Set(["load", "dead-letters"]);

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("receive reports over HTTP (POST /reports with a bearer token) and run the stages on them")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0: any free port)", "8080")
    .option("--data <dir>", "data directory", "./data")
    .option("--token-env <name>", "environment variable holding the bearer token", "GOVKPI_WEBHOOK_TOKEN")
    .option("--max-bytes <n>", "largest accepted body", String(50 * 1024 * 1024))
    .action(async (opts: { host: string; port: string; data: string; tokenEnv: string; maxBytes: string }) => {
      const token = process.env[opts.tokenEnv];
      if (!token) {
        console.error(`govkpi serve: set the bearer token in ${opts.tokenEnv}; refusing to start without one`);
        process.exit(2);
      }
      const [{ EmbeddedBus }, { announce }, { Inbox }, { webhookMetrics, webhookServer }, { landingZoneOf, startStages }] = await Promise.all([
        import("../../bus/embedded.ts"), import("../../../connectors/publishRaw.ts"), import("../../../connectors/webhook/inbox.ts"),
        import("../../../connectors/webhook/server.ts"), import("../../runner.ts"),
      ]);
      const bus = new EmbeddedBus();
      const inbox = new Inbox(join(opts.data, "inbox"));
      const metrics = webhookMetrics();
      const { warehouse } = await startStages(bus, opts.data, STAGE_NAMES, {
        onHandled(stage, keys) {
          if (!SETTLED.has(stage)) return;
          for (const key of keys) void inbox.remove(key).then(() => metrics.pending.dec());
        },
        onDeadLetter(letter) {
          metrics.deadLettered.inc({ stage: letter.stage });
          console.error(`error: ${letter.stage}: ${letter.source_url ?? "(no source)"}: ${letter.reason}`);
        },
      });
      const pending = await inbox.pending();
      metrics.pending.set(pending.length);
      if (pending.length) console.error(`re-announcing ${pending.length} accepted report(s) a previous run had not finished`);
      await announce(bus, pending);
      const server = webhookServer(
        { token, maxBytes: Number(opts.maxBytes), landing: landingZoneOf(opts.data), inbox, accept: (raw) => announce(bus, [raw]) },
        metrics,
      );
      server.listen(Number(opts.port), opts.host, () => {
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : opts.port;
        console.error(`listening on http://${opts.host}:${port}`);
      });
      bus.failed.catch((err: Error) => {
        console.error(`govkpi serve: ${err.message}`);
        process.exit(1);
      });
      const stop = () => server.close(async () => {
        await bus.close();
        await warehouse?.close();
        process.exit(0);
      });
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
}
