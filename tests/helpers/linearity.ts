// Whether a function's time grows linearly with its input: CPU time (not wall time, so other processes on
// the machine do not decide), the best of three batches each repeated until it has taken 40 ms, measured
// for an input and for its double within one run. A quadratic path takes four times as long every time.
export const MB = 1 << 20;

/** text of about `bytes` UTF-8 bytes, repeating `unit` between a head and a tail */
export const repeat = (bytes: number, unit: string, head = "", tail = "") => head + unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))) + tail;

/** CPU ms of one call: the best of three batches, each repeated until it has taken 40 ms or more. */
async function cpuMs(run: () => unknown): Promise<number> {
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    const start = process.cpuUsage();
    let runs = 0;
    let ms = 0;
    while (ms < 40) {
      await run();
      runs++;
      const used = process.cpuUsage(start);
      ms = (used.user + used.system) / 1000;
    }
    best = Math.min(best, ms / runs);
  }
  return best;
}

/**
 * The time of `run(large)` over that of `run(small)`, the best of up to three measurements (a busy machine
 * can slow one; a super-linear path slows all), and the measurements, for the assertion's message.
 */
export async function timeRatio<T>(run: (input: T) => unknown, small: T, large: T, threshold: number): Promise<{ ratio: number; tries: string }> {
  const tries: string[] = [];
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > threshold; attempt++) {
    const [a, b] = [await cpuMs(() => run(small)), await cpuMs(() => run(large))];
    ratio = Math.min(ratio, b / a);
    tries.push(`${a.toFixed(1)} ms, then ${b.toFixed(1)} ms`);
  }
  return { ratio, tries: tries.join("; ") };
}
