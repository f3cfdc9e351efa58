// The bus a command runs on, from its options: `--bus embedded` (default) or `--bus kafka --brokers …`.
// Every command that publishes or consumes (run, worker, the connectors) adds these options and calls busFromOptions.
// The engines load only when a command runs (the CLI's start stays cheap).
import { Option, type Command } from "commander";
import type { ZodError } from "zod";
import type { Bus } from "../bus/bus.ts";

export interface BusOptions {
  bus: "embedded" | "kafka";
  brokers?: string;
  topicPrefix?: string;
  groupPrefix?: string;
  partitions?: string;
  sessionTimeout?: string;
  heartbeatInterval?: string;
  maxBatch?: string;
}

export function addBusOptions(command: Command, engines: "embedded or kafka" | "kafka only" = "embedded or kafka"): Command {
  if (engines === "embedded or kafka") {
    command.addOption(
      new Option("--bus <engine>", "message bus: embedded (one process, no server) or kafka").choices(["embedded", "kafka"]).default("embedded"),
    );
  }
  return command
    .addOption(new Option("--brokers <list>", "Kafka brokers, HOST:PORT[,HOST:PORT…]").env("GOVKPI_KAFKA_BROKERS"))
    .addOption(
      new Option("--topic-prefix <prefix>", "Kafka topics are <prefix>.reports.raw, .reports.parsed, .facts, .reports.dlq, .runs").env(
        "GOVKPI_KAFKA_TOPIC_PREFIX",
      ),
    )
    .addOption(new Option("--group-prefix <prefix>", "prefix of the stages' consumer groups").env("GOVKPI_KAFKA_GROUP_PREFIX"))
    .option("--partitions <n>", "partitions of the Kafka topics created by govkpi")
    .option("--session-timeout <ms>", "Kafka consumer session timeout")
    .option("--heartbeat-interval <ms>", "Kafka consumer heartbeat interval")
    .option("--max-batch <n>", "most messages a stage handles (and commits) at once");
}

const numberOr = (value: string | undefined) => (value === undefined ? undefined : Number(value));

class BusOptionsError extends Error {
  override name = "BusOptionsError";
}

/** `log`: where the Kafka engine's lines go (stderr by default; the long-running commands' JSON log). */
export async function busFromOptions(opts: BusOptions, log?: (line: string) => void): Promise<Bus> {
  if (opts.bus === "embedded") return new (await import("../bus/embedded.ts")).EmbeddedBus();
  const [{ KafkaBus }, { KafkaConfig }] = await Promise.all([import("../bus/kafka.ts"), import("../../schemas/kafka.ts")]);
  if (!opts.brokers) throw new BusOptionsError("--bus kafka needs --brokers HOST:PORT (or GOVKPI_KAFKA_BROKERS)");
  const config = KafkaConfig.safeParse({
    brokers: opts.brokers
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean),
    topicPrefix: opts.topicPrefix,
    groupPrefix: opts.groupPrefix,
    partitions: numberOr(opts.partitions),
    sessionTimeout: numberOr(opts.sessionTimeout),
    heartbeatInterval: numberOr(opts.heartbeatInterval),
    maxBatch: numberOr(opts.maxBatch),
  });
  if (!config.success) throw new BusOptionsError(`invalid Kafka settings: ${describeIssues(config.error)}`);
  return KafkaBus.connect(config.data, log);
}

const describeIssues = (err: ZodError) => err.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

/** A bus that cannot start is the user's to fix (address, topics, options): one clear line and exit code 2. */
export function exitOnBusError(command: string, err: unknown): void {
  const usage = ["BusOptionsError", "KafkaUnreachableError", "MissingTopicsError"];
  if (!(err instanceof Error && usage.includes(err.name))) throw err;
  console.error(`govkpi ${command}: ${err.message}`);
  process.exit(2);
}

/** On SIGTERM or SIGINT: close the bus (the batches in hand finish and are committed), then `exit`. A second signal exits at once. */
export function closeOnSignal(bus: Bus, exit: (signal: NodeJS.Signals) => Promise<void> | void, say: (line: string) => void = console.error): void {
  const stop = (signal: NodeJS.Signals) => {
    for (const s of ["SIGTERM", "SIGINT"] as const) {
      process.removeListener(s, stop);
      process.once(s, () => process.exit(130));
    }
    say(`govkpi: ${signal}: finishing the batches in hand, then stopping`);
    void bus.close().then(() => exit(signal));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
