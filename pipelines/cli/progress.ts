// Progress of a run: a bar per stage on a terminal, a plain line per batch otherwise (logs, CI).
import cliProgress from "cli-progress";
import type { StageEvents } from "../stages/stage.ts";

export interface Progress extends StageEvents {
  expect(total: number): void;
  stop(): void;
  counts(): Map<string, { ok: number; failed: number }>;
  /** Resolves once each of these landing keys has been handled by one of these stages. */
  untilHandled(stages: string[], landingKeys: string[]): Promise<void>;
}

export function stageProgress(stages: readonly string[], stream: NodeJS.WriteStream = process.stderr): Progress {
  const counts = new Map(stages.map((s) => [s, { ok: 0, failed: 0 }]));
  const bars = stream.isTTY
    ? new cliProgress.MultiBar(
        { stream, format: "{stage} [{bar}] {value}/{total} reports, {failed} failed", hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const waiters: Array<() => void> = [];
  const handled = new Map(stages.map((s) => [s, new Set<string>()]));
  const bar = new Map(stages.map((s) => [s, bars?.create(0, 0, { stage: s.padEnd(8), failed: 0 })]));
  return {
    expect(total) {
      for (const b of bar.values()) b?.setTotal(total);
    },
    onProcessed(stage, ok, failed) {
      const c = counts.get(stage);
      if (!c) return;
      c.ok += ok;
      c.failed += failed;
      const b = bar.get(stage);
      if (b) b.update(c.ok + c.failed, { failed: c.failed });
      else stream.write(`${stage}: ${c.ok} ok, ${c.failed} failed\n`);
      for (const wake of waiters.splice(0)) wake();
    },
    onHandled(stage, landingKeys) {
      for (const key of landingKeys) handled.get(stage)?.add(key);
    },
    onDeadLetter(letter) {
      const line = `error: ${letter.stage}: ${letter.source_url ?? "(no source)"}: ${letter.reason}\n`;
      if (bars) bars.log(line);
      else stream.write(line);
    },
    stop() {
      bars?.stop();
    },
    counts: () => counts,
    async untilHandled(names, landingKeys) {
      // keys, not counts: on Kafka a stage may also handle an interrupted run's redelivered messages
      const done = () => landingKeys.every((key) => names.some((s) => handled.get(s)?.has(key)));
      while (!done()) await new Promise<void>((wake) => waiters.push(wake));
    },
  };
}
