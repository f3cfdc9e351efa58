// The work of govkpi dlq (loaded only when it runs).
import { EmbeddedBus } from "../../bus/embedded.ts";
import { deadLetterReports } from "../../../connectors/landed/deadLetters.ts";
import { ingest } from "../../ingest.ts";
import { NoWarehouseError, openReader } from "../../warehouse/readWarehouse.ts";
import type { DlqListOptions, DlqReplayOptions } from "../commands/dlq.ts";
import { limitsFromOptions } from "../limitOptions.ts";
import { toJsonLines, toTable } from "../queryOutput.ts";
import { printSummary } from "../summary.ts";

async function reader(command: string, data: string) {
  try {
    return await openReader(data);
  } catch (err) {
    console.error(`govkpi dlq ${command}: ${(err as Error).message}`);
    return process.exit(err instanceof NoWarehouseError ? 2 : 1);
  }
}

export async function list(opts: DlqListOptions): Promise<void> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || !["table", "json"].includes(opts.format)) {
    console.error("govkpi dlq list: --limit takes a whole number above 0, --format table or json");
    return process.exit(2);
  }
  const conn = await reader("list", opts.data);
  const result = await conn.runAndReadAll(
    `SELECT id, strftime(failed_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS failed_at, stage, coalesce(source_url, '') AS source,
       left(replace(reason, chr(10), ' '), 160) AS reason
     FROM dead_letters WHERE $stage IS NULL OR stage = $stage ORDER BY dead_letters.failed_at DESC, id LIMIT $limit`,
    { stage: opts.stage ?? null, limit },
  );
  process.stdout.write(opts.format === "json" ? toJsonLines(result) : toTable(result));
}

export async function show(id: string, opts: { data: string }): Promise<void> {
  const conn = await reader("show", opts.data);
  const [letter] = (await conn.runAndReadAll("SELECT * FROM dead_letters WHERE id = $id", { id })).getRowObjectsJson();
  if (!letter) {
    console.error(`govkpi dlq show: no dead letter with id ${id} (govkpi dlq list)`);
    return process.exit(1);
  }
  const order = ["id", "failed_at", "stage", "reason", "source", "source_url", "landing_key", "excerpt"];
  const lines = order.filter((k) => k in letter).map((k) => `${`${k}:`.padEnd(13)}${letter[k] ?? ""}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

export async function replay(ids: string[], opts: DlqReplayOptions): Promise<void> {
  if (!ids.length === !opts.all) {
    console.error("govkpi dlq replay: name the dead letters to replay (their ids, from govkpi dlq list), or --all");
    return process.exit(2);
  }
  const limits = limitsFromOptions("dlq replay", opts);
  await ingest(new EmbeddedBus(), opts.data, (_landing, _warehouse, ctx) => deadLetterReports(ctx, opts.all ? null : ids), printSummary, {
    limits,
    retryDeadLetters: true,
    identity: { source: "dlq replay", kind: "reprocess" },
  });
}
