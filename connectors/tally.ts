// What one run of a connector saw, counted by outcome (fetched, not modified, excluded, failed) with a
// reason code per outcome for metrics, every failure's reason kept, and the run's status read from them.
import type { RunStatus } from "../schemas/messages.ts";

export type Outcome = "fetched" | "not_modified" | "excluded" | "failed";

export interface Counts {
  discovered: number;
  fetched: number;
  not_modified: number;
  excluded: number;
  failed: number;
  new: number;
}

export class Tally {
  readonly counts: Counts = { discovered: 0, fetched: 0, not_modified: 0, excluded: 0, failed: 0, new: 0 };
  private readonly failures = new Map<string, { count: number; example: string }>();

  constructor(private readonly onOutcome: (outcome: Outcome, code: string) => void = () => {}) {}

  count(outcome: Outcome, code: string, reason?: string): void {
    this.counts[outcome]++;
    this.onOutcome(outcome, code);
    if (outcome !== "failed") return;
    const f = this.failures.get(code) ?? { count: 0, example: reason ?? code };
    f.count++;
    this.failures.set(code, f);
  }

  /** Every failure reason with its count, most frequent first. */
  errorSummary(): string | null {
    if (!this.failures.size) return null;
    return [...this.failures.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([code, f]) => `${f.count}× ${code}: ${f.example}${f.count > 1 ? " …" : ""}`)
      .join("\n")
      .slice(0, 4000);
  }

  /** `reachable`: whether the source could be read at all (a crawl read a list page) */
  status(interrupted: boolean, reachable = true): RunStatus {
    if (interrupted) return "interrupted";
    if (!reachable) return "failed";
    if (this.counts.failed) return "partial";
    return this.counts.new ? "ok" : "unchanged";
  }
}
