// Options and set-up the connector commands (crawl, schedule, serve) share: where their output goes
// (the stages of this process, or Kafka), logs, and for the crawlers concurrency and pinned host names.
import { Option, type Command } from "commander";
import { embeddedSink, kafkaSink, type ConnectorSink } from "../connectorSink.ts";
import { createLog, logLevelOption, type Log } from "../ops/log.ts";
import { WarehouseBusyError } from "../warehouse/warehouse.ts";
import { addBusOptions, busFromOptions, type BusOptions } from "./busOptions.ts";

export interface ConnectorOptions extends BusOptions {
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
  return addBusOptions(command);
}

export function addCrawlerOptions(command: Command): Command {
  return addConnectorOptions(
    command
      .requiredOption("--sources <file>", "the source registry (see sources.example.yaml)")
      .option("--concurrency <n>", "sources crawled at once (each host still gets one request at a time)", "16")
      .addOption(new Option("--resolve <host=address...>", "fetch these hosts from these addresses instead of asking DNS (as curl --resolve)")),
  );
}

export function pinnedHosts(values: string[] = []): Record<string, string> {
  return Object.fromEntries(
    values.map((v) => {
      const m = /^([^=\s]+)=([^=\s]+)$/.exec(v);
      if (!m) throw new Error(`--resolve ${v}: expected HOST=ADDRESS`);
      return [m[1]!, m[2]!];
    }),
  );
}

export async function sinkFromOptions(opts: ConnectorOptions): Promise<ConnectorSink> {
  return opts.bus === "kafka" ? kafkaSink(await busFromOptions(opts)) : embeddedSink(opts.data);
}

/** The one line to say when the stages cannot open this process's warehouse. */
export function warehouseBusy(err: Error, data: string): string {
  return err instanceof WarehouseBusyError
    ? `${err.message}; beside load workers, use --bus kafka`
    : `cannot open the warehouse in ${data}: ${err.message.split("\n")[0]}`;
}

export function connectorLog(opts: ConnectorOptions, command: string): Log {
  return createLog(opts.logLevel, command);
}
