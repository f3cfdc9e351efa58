// Extraction benchmark: MB/s of extractReport over a corpus of ≥ 50 MB made from the sample reports
// (each copy with its figures varied), beside the floor: one regex pass over the same text in the same run.
// Both are timed ROUNDS times, alternating, and the best of each is kept: on a shared machine the best
// run is the one least disturbed by other processes, and the ratio compares like with like.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { cleanText, type CleanText } from "../../pipelines/stages/parse/cleanText.ts";

const SAMPLES = fileURLToPath(new URL("../../samples", import.meta.url));
const TARGET_MB = Number(process.env.BENCH_MB ?? 50);

/** Clean report texts adding up to TARGET_MB of UTF-8. */
function corpus(): CleanText[] {
  const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(SAMPLES, f), "utf8"));
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

function time(body: () => number): { ms: number; result: number } {
  const start = performance.now();
  const result = body();
  return { ms: performance.now() - start, result };
}

const best = (a: { ms: number; result: number } | null, b: { ms: number; result: number }) => (a && a.ms <= b.ms ? a : b);

export function benchExtract(): void {
  const docs = corpus();
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
  let floor: { ms: number; result: number } | null = null;
  let extraction: { ms: number; result: number } | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    floor = best(floor, time(() => docs.reduce((n, d) => n + (d.text.match(/[0-9]+[件宗起次家项个份条%]/g)?.length ?? 0), 0)));
    extraction = best(extraction, time(() => docs.reduce((n, d) => n + extractReport({ text: d.text, page: d.page, site_host: null }).facts.length, 0)));
  }
  if (!floor || !extraction) throw new Error("BENCH_ROUNDS must be at least 1");
  const rate = (ms: number) => (mb / (ms / 1000)).toFixed(1);
  console.log(`corpus: ${docs.length} reports, ${mb.toFixed(1)} MB of clean text; best of ${ROUNDS} rounds each`);
  console.log(`floor (one regex pass):  ${floor.ms.toFixed(0).padStart(7)} ms  ${rate(floor.ms).padStart(7)} MB/s  (${floor.result} matches)`);
  console.log(`extraction:              ${extraction.ms.toFixed(0).padStart(7)} ms  ${rate(extraction.ms).padStart(7)} MB/s  (${extraction.result} facts)`);
  console.log(`extraction / floor: ×${(extraction.ms / floor.ms).toFixed(1)} the time of the floor`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchExtract();
