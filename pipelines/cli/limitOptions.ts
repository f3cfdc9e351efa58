// The document bounds as command options, for every command that parses or extracts (schemas/limits.ts).
import type { Command } from "commander";
import { DEFAULT_LIMITS, DocumentLimits } from "../../schemas/limits.ts";

export interface LimitOptions {
  workers?: string;
  docTimeout?: string;
  docMemory?: string;
  maxChars?: string;
}

export function addLimitOptions(command: Command): Command {
  return command
    .option("--workers <n>", `document worker processes (default: the cores, ${DEFAULT_LIMITS.workers})`)
    .option("--doc-timeout <seconds>", `CPU seconds one document may take in parse, and again in extract (default ${DEFAULT_LIMITS.timeoutMs / 1000})`)
    .option("--doc-memory <MB>", `memory of a worker while it handles one document (default ${DEFAULT_LIMITS.memoryMb})`)
    .option("--max-chars <n>", `characters of text one document may hold (default ${DEFAULT_LIMITS.maxChars})`);
}

const numberOr = (value: string | undefined, scale = 1) => (value === undefined ? undefined : Math.round(Number(value) * scale));

/** The options as limits; invalid ones are a one-line error and exit code 2. */
export function limitsFromOptions(command: string, opts: LimitOptions): DocumentLimits {
  const limits = DocumentLimits.safeParse({
    workers: numberOr(opts.workers),
    timeoutMs: numberOr(opts.docTimeout, 1000),
    memoryMb: numberOr(opts.docMemory),
    maxChars: numberOr(opts.maxChars),
  });
  if (limits.success) return limits.data;
  const flag = { workers: "--workers", timeoutMs: "--doc-timeout", memoryMb: "--doc-memory", maxChars: "--max-chars" } as Record<string, string>;
  console.error(`govkpi ${command}: ${limits.error.issues.map((i) => `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("; ")}`);
  process.exit(2);
}
