// Crawls run here: at most `concurrency` at once, a job per source at most (a source already queued or
// running is not queued again), each job isolated (its failure is reported and the pool goes on). On
// stop, the queue is dropped and the running jobs get a grace period to end.
import { metrics } from "../ops/metrics.ts";

export class JobPool {
  private readonly queue: Array<{ id: string; job: () => Promise<void> }> = [];
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly onFailure: (id: string, err: Error) => void,
  ) {}

  has(id: string): boolean {
    return this.running.has(id) || this.queue.some((q) => q.id === id);
  }

  /** Queues the job unless one for `id` is queued or running, or the pool is stopped; says whether it did. */
  submit(id: string, job: () => Promise<void>): boolean {
    if (this.stopped || this.has(id)) return false;
    this.queue.push({ id, job });
    this.pump();
    return true;
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency && this.queue.length) {
      const { id, job } = this.queue.shift()!;
      const run = Promise.resolve()
        .then(job)
        .catch((err: unknown) => this.onFailure(id, err instanceof Error ? err : new Error(String(err))))
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
      this.running.set(id, run);
    }
    metrics.schedulerRunning.set(this.running.size);
    metrics.schedulerQueued.set(this.queue.length);
    if (!this.running.size && !this.queue.length) for (const wake of this.idle.splice(0)) wake();
  }

  /** Resolves when nothing is queued or running. */
  drained(): Promise<void> {
    if (!this.running.size && !this.queue.length) return Promise.resolve();
    return new Promise((wake) => this.idle.push(wake));
  }

  /** Takes no more jobs, drops the queued ones, waits up to `graceMs` for the running ones; true if they all ended. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopped = true;
    this.queue.length = 0;
    metrics.schedulerQueued.set(0);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      Promise.all(this.running.values()).then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), graceMs))),
    ]);
    clearTimeout(timer);
    return ended;
  }
}
