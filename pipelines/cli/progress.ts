// Progress of a run: a bar per stage on a terminal, a plain line per batch otherwise (logs, CI).
import cliProgress from "cli-progress";
import type { StageEvents } from "../stages/stage.ts";

export interface Progress extends StageEvents {
  expect(total: number): void;
  stop(): void;
  counts(): Map<string, { ok: number; failed: number }>;
}

export function stageProgress(stages: readonly string[], stream: NodeJS.WriteStream = process.stderr): Progress {
  const counts = new Map(stages.map((s) => [s, { ok: 0, failed: 0 }]));
  const bars = stream.isTTY
    ? new cliProgress.MultiBar(
        { stream, format: "{stage} [{bar}] {value}/{total} reports, {failed} failed", hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
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
  };
}
