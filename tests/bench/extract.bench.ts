// Extraction benchmark: MB/s of extractReport over a corpus of ≥ 50 MB made from the sample reports
// (each copy with its figures varied), beside the floor: one regex pass over the same text in the same run.
// Both are timed ROUNDS times, alternating, and the best of each is kept: on a shared machine the best
// run is the one least disturbed by other processes, and the ratio compares like with like. Both are
// single-threaded, so the CPU time each takes (process.cpuUsage) is its cost whatever else the machine
// runs; the wall-clock times are printed beside it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { cleanText, type CleanText } from "../../pipelines/stages/parse/cleanText.ts";

const SAMPLES = fileURLToPath(new URL("../../samples", import.meta.url));
const TARGET_MB = Number(process.env.BENCH_MB ?? 50);

/** Clean report texts adding up to TARGET_MB of UTF-8. */
function corpus(): CleanText[] {
  const seeds = readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(join(SAMPLES, f), "utf8"));
  const docs: CleanText[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_MB * 1e6; i++) {
    const doc = cleanText(seeds[i % seeds.length]!.replace(/\d+/g, (d) => String((Number(d) + i) % 10 ** d.length)));
    docs.push(doc);
    bytes += Buffer.byteLength(doc.text);
  }
  return docs;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Timing {
  /** CPU ms (user + system) */
  ms: number;
  wallMs: number;
  result: number;
}

function time(body: () => number): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = body();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000, wallMs, result };
}

const best = (a: Timing | null, b: Timing) => (a && a.ms <= b.ms ? a : b);

export function benchExtract(): void {
  const docs = corpus();
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
  let floor: Timing | null = null;
  let extraction: Timing | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    floor = best(
      floor,
      time(() => docs.reduce((n, d) => n + (d.text.match(/[0-9]+[件宗起次家项个份条%]/g)?.length ?? 0), 0)),
    );
    extraction = best(
      extraction,
      time(() => docs.reduce((n, d) => n + extractReport({ text: d.text, page: d.page, site_host: null }).facts.length, 0)),
    );
  }
  if (!floor || !extraction) throw new Error("BENCH_ROUNDS must be at least 1");
  const rate = (ms: number) => (mb / (ms / 1000)).toFixed(1);
  console.log(`corpus: ${docs.length} reports, ${mb.toFixed(1)} MB of clean text; best of ${ROUNDS} rounds each`);
  const line = (name: string, t: Timing, what: string) =>
    console.log(
      `${name.padEnd(24)} ${t.ms.toFixed(0).padStart(7)} ms CPU  ${rate(t.ms).padStart(7)} MB/s  (wall ${t.wallMs.toFixed(0)} ms; ${t.result} ${what})`,
    );
  line("floor (one regex pass):", floor, "matches");
  line("extraction:", extraction, "facts");
  console.log(
    `extraction / floor: ×${(extraction.ms / floor.ms).toFixed(1)} the CPU time of the floor (wall: ×${(extraction.wallMs / floor.wallMs).toFixed(1)})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) benchExtract();
