// Options the connector commands (crawl, schedule, serve) and the workers share: where their output goes
// (the stages of this process, or Kafka), logs, and for the crawlers concurrency and pinned host names.
// Nothing here loads a stage or a bus: the commands load those when they run.
import { Option, type Command } from "commander";
import { addBusOptions, type BusOptions } from "./busOptions.ts";
import { addLimitOptions, type LimitOptions } from "./limitOptions.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const logLevelOption = () =>
  new Option("--log-level <level>", "least severe level logged (JSON lines on stderr)").choices(LOG_LEVELS).default("info").env("GOVKPI_LOG_LEVEL");

export interface ConnectorOptions extends BusOptions, LimitOptions {
  data: string;
  logLevel: string;
}

export interface CrawlerOptions extends ConnectorOptions {
  sources: string;
  concurrency: string;
  resolve?: string[];
}

export function addConnectorOptions(command: Command): Command {
  command.option("--data <dir>", "data directory (landing zone; crawl state; the warehouse when the stages run here)", "./data").addOption(logLevelOption());
  // the document bounds apply when the stages run in this process (embedded bus)
  return addLimitOptions(addBusOptions(command));
}

export function addCrawlerOptions(command: Command): Command {
  return addConnectorOptions(
    command
      .requiredOption("--sources <file>", "the source registry (see sources.example.yaml)")
      .option("--concurrency <n>", "sources crawled at once (each host still gets one request at a time)", "16")
      .addOption(new Option("--resolve <host=address...>", "fetch these hosts from these addresses instead of asking DNS (as curl --resolve)")),
  );
}

/** --resolve HOST=ADDRESS values as a map, or exit 2 naming the bad one. */
export function pinnedHosts(command: string, values: string[] = []): Record<string, string> {
  return Object.fromEntries(
    values.map((v) => {
      const m = /^([^=\s]+)=([^=\s]+)$/.exec(v);
      if (!m) {
        console.error(`govkpi ${command}: --resolve ${v}: expected HOST=ADDRESS`);
        process.exit(2);
      }
      return [m[1]!, m[2]!];
    }),
  );
}
