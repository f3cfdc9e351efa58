// A run's record as every ingest path starts it: the source's identity, the kind of connector, zero counts.
import { randomUUID } from "node:crypto";
import type { RunRecord } from "../schemas/messages.ts";

export function startRun(source: string, kind: RunRecord["kind"], emptyStreak = 0): RunRecord {
  return {
    run_id: randomUUID(),
    source,
    kind,
    started_at: new Date().toISOString(),
    ended_at: null,
    status: "running",
    discovered: 0,
    fetched: 0,
    not_modified: 0,
    excluded: 0,
    failed: 0,
    new: 0,
    empty_streak: emptyStreak,
    error: null,
  };
}
