// The broker the Kafka tests run against: GOVKPI_TEST_BROKERS if set (CI starts one), else librdkafka's mock
// cluster started here from infra/kafka-mock. When neither is possible the tests are skipped, saying why.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO, tempDir } from "../helpers/cli.ts";
import type { KafkaConfigInput } from "../../schemas/kafka.ts";

/** A mock broker of this test process (stopped when it exits); signal `pid` with SIGUSR1/SIGUSR2 to take it down/up. */
export async function startMockBroker(): Promise<{ brokers: string; pid: number }> {
  const state = tempDir("govkpi-kafka-mock-");
  const { stdout } = await promisify(execFile)(join(REPO, "infra/kafka-mock/start.sh"), [state], {
    // vitest may end this worker without an "exit" event: the broker then stops by itself
    env: { ...process.env, KAFKA_MOCK_WATCH_PID: String(process.pid) },
  });
  const pid = Number(readFileSync(join(state, "pid"), "utf8"));
  process.on("exit", () => {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  });
  return { brokers: stdout.trim(), pid };
}

async function findBroker(): Promise<string | null> {
  if (process.env.GOVKPI_TEST_BROKERS) return process.env.GOVKPI_TEST_BROKERS;
  try {
    return (await startMockBroker()).brokers;
  } catch (err) {
    console.warn(`Kafka tests SKIPPED: no GOVKPI_TEST_BROKERS and the mock broker cannot start (needs gcc and librdkafka-dev): ${(err as Error).message}`);
    return null;
  }
}

/** HOST:PORT of the test broker, or null (the Kafka tests are then skipped with a warning). */
export const BROKERS = await findBroker();

/** Consumer timing the mock broker needs for quick joins and rejoins (see docs/kafka.md). */
const TEST_TIMING = { sessionTimeout: 6000, heartbeatInterval: 1000 } as const;

/** Fresh topic and group prefixes, so no test sees another's messages or offsets. */
export function freshKafka(brokers = BROKERS): KafkaConfigInput & typeof TEST_TIMING & { brokers: string[]; topicPrefix: string; groupPrefix: string } {
  const id = randomUUID().slice(0, 8);
  return { brokers: [brokers ?? "unset:0"], topicPrefix: `t${id}`, groupPrefix: `g${id}`, ...TEST_TIMING };
}

/** The same settings as CLI options. */
export function kafkaArgs(config: ReturnType<typeof freshKafka>): string[] {
  return [
    "--brokers",
    config.brokers.join(","),
    "--topic-prefix",
    config.topicPrefix,
    "--group-prefix",
    config.groupPrefix,
    "--session-timeout",
    String(TEST_TIMING.sessionTimeout),
    "--heartbeat-interval",
    String(TEST_TIMING.heartbeatInterval),
  ];
}

/** A `govkpi worker` child process whose stderr lines the test can wait for. */
export class WorkerProcess {
  readonly lines: string[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), "worker", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let partial = "";
    this.child.stderr!.on("data", (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const complete = text.split("\n");
      partial = complete.pop()!;
      // the worker logs JSON lines (pino): the tests read their messages
      this.lines.push(...complete.map((line) => (line.startsWith("{") ? String((JSON.parse(line) as { msg?: unknown }).msg ?? line) : line)));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** Resolves with the first stderr line matching `pattern` (already seen or yet to come). */
  async waitFor(pattern: RegExp, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => pattern.test(l));
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr:\n${this.lines.join("\n")}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}
