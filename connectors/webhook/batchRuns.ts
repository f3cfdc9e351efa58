// The webhook's runs: a client's posts are one run until the client has been quiet for a while (or the
// run has lasted long enough), so the ops dashboard sees webhook clients beside crawled sources: when
// each last delivered, what was new, what was refused and why.
import type { RunRecord } from "../../schemas/messages.ts";
import { startRun } from "../runRecord.ts";
import { Tally, type Outcome } from "../tally.ts";

interface OpenRun {
  record: RunRecord;
  tally: Tally;
  idle: NodeJS.Timeout;
}

export class BatchRuns {
  private readonly open = new Map<string, OpenRun>();

  constructor(
    private readonly send: (record: RunRecord) => Promise<void>,
    private readonly o: { idleMs: number; maxMs: number } = { idleMs: 60_000, maxMs: 15 * 60_000 },
  ) {}

  /** One post's outcome for `client`; `fresh`: an accepted report whose bytes were new. */
  note(client: string, outcome: Outcome | "new", code: string, reason?: string): void {
    let run = this.open.get(client);
    if (!run) {
      const record = startRun(client, "webhook");
      run = { record, tally: new Tally(), idle: setTimeout(() => {}, 0) };
      this.open.set(client, run);
      void this.send(record).catch(() => {});
    }
    run.tally.counts.discovered++;
    if (outcome === "new") {
      run.tally.count("fetched", code);
      run.tally.counts.new++;
    } else run.tally.count(outcome, code, reason);
    clearTimeout(run.idle);
    const age = Date.now() - Date.parse(run.record.started_at);
    run.idle = setTimeout(() => void this.close(client), Math.max(0, Math.min(this.o.idleMs, this.o.maxMs - age)));
    run.idle.unref();
  }

  private async close(client: string): Promise<void> {
    const run = this.open.get(client);
    if (!run) return;
    this.open.delete(client);
    clearTimeout(run.idle);
    await this.send({
      ...run.record,
      ...run.tally.counts,
      status: run.tally.status(false),
      ended_at: new Date().toISOString(),
      error: run.tally.errorSummary(),
    });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((c) => this.close(c).catch(() => {})));
  }
}
