// govkpi dlq: the dead letters, by id. list and show read the published warehouse (never the writer's lock);
// replay announces the chosen letters' payloads again from the landing zone, once their cause is fixed.
import type { Command } from "commander";
import { addLimitOptions, type LimitOptions } from "../limitOptions.ts";

const FORMATS = ["table", "json"] as const;

export interface DlqListOptions {
  data: string;
  stage?: string;
  limit: string;
  format: string;
}

export interface DlqReplayOptions extends LimitOptions {
  data: string;
  all?: boolean;
}

const action = () => import("../actions/dlq.ts");

export function registerDlq(program: Command): void {
  const dlq = program.command("dlq").description("inspect dead letters and replay them once their cause is fixed");
  dlq
    .command("list")
    .description("the dead letters, newest first: id, time, stage, source, reason")
    .option("--data <dir>", "data directory", "./data")
    .option("--stage <stage>", "only this stage's (parse, extract, load, …)")
    .option("--limit <n>", "at most this many", "100")
    .option("--format <format>", `output: ${FORMATS.join(" | ")}`, "table")
    .action(async (opts: DlqListOptions) => (await action()).list(opts));
  dlq
    .command("show")
    .description("one dead letter in full: reason, source, landing key, excerpt")
    .argument("<id>", "its id (govkpi dlq list)")
    .option("--data <dir>", "data directory", "./data")
    .action(async (id: string, opts: { data: string }) => (await action()).show(id, opts));
  const replay = dlq
    .command("replay")
    .description("run these dead letters' payloads through the stages again, from the landing zone")
    .argument("[ids...]", "the letters to replay (govkpi dlq list)")
    .option("--all", "every dead letter that has a payload")
    .option("--data <dir>", "data directory", "./data");
  addLimitOptions(replay).action(async (ids: string[], opts: DlqReplayOptions) => (await action()).replay(ids, opts));
}
