// The reports a run announced and is still waiting for, by landing key: a count per key (one payload can be
// announced from several sources), settled when a terminal stage (load, dead-letters) handles it.
// Constant work per key, however many are pending.
export class PendingKeys {
  private readonly counts = new Map<string, number>();
  private waiters: Array<{ below: number; wake: () => void }> = [];

  get size(): number {
    return this.counts.size;
  }

  add(keys: string[]): void {
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Keys a terminal stage handled; a key this run did not announce (a redelivery of an earlier run's) is ignored. Returns how many were pending. */
  settle(keys: string[]): number {
    let settled = 0;
    for (const key of keys) {
      const count = this.counts.get(key);
      if (count === undefined) continue;
      settled++;
      if (count > 1) this.counts.set(key, count - 1);
      else this.counts.delete(key);
    }
    const ready = this.waiters.filter((w) => this.counts.size < w.below);
    this.waiters = this.waiters.filter((w) => this.counts.size >= w.below);
    for (const w of ready) w.wake();
    return settled;
  }

  /** Resolves once fewer than `below` keys are pending (1: none). */
  until(below = 1): Promise<void> {
    if (this.counts.size < below) return Promise.resolve();
    return new Promise((wake) => this.waiters.push({ below, wake }));
  }
}
