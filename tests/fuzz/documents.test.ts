// Fuzzing the documents' path: thousands of text, HTML, PDF and DOCX inputs, real reports mutated and
// documents generated from the formats' structure, each parsed and extracted in the document pool with the
// real budgets. Not one may crash its worker or break its time or memory budget; an input a reader refuses
// is fine (that is a dead letter). The seed is fixed and printed on failure: GOVKPI_FUZZ_SEED=… reruns it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentBreach, DocumentPool } from "../../pipelines/pool/pool.ts";
import { tempDir } from "../helpers/cli.ts";
import { docxDocument, type FuzzDocument, htmlDocument, pdfDocument, realDocumentXml, textDocument } from "./arbitraries.ts";

const SEED = Number(process.env.GOVKPI_FUZZ_SEED ?? 20_261_123);
const SCALE = Number(process.env.GOVKPI_FUZZ_SCALE ?? 1);
const RUNS = { text: 800 * SCALE, html: 700 * SCALE, pdf: 300 * SCALE, docx: 400 * SCALE };

// OCR runs tesseract, another program, on pages without text (most generated PDFs): minutes, and not ours to fuzz
process.env.GOVKPI_OCR = "off";
const pool = new DocumentPool();
afterAll(() => pool.close());

describe(`fuzzed documents through the pool (seed ${SEED})`, () => {
  it(`${Object.values(RUNS).reduce((a, b) => a + b)} inputs: no worker crash, no budget breach`, async () => {
    const xml = await realDocumentXml();
    const inputs: FuzzDocument[] = [
      ...fc.sample(textDocument, { seed: SEED, numRuns: RUNS.text }),
      ...fc.sample(htmlDocument, { seed: SEED + 1, numRuns: RUNS.html }),
      ...fc.sample(pdfDocument, { seed: SEED + 2, numRuns: RUNS.pdf }),
      ...fc.sample(docxDocument(xml), { seed: SEED + 3, numRuns: RUNS.docx }),
    ];
    const dir = tempDir("govkpi-fuzz-");
    const outcomes = new Map<string, number>();
    const breaches: string[] = [];
    const busy = new Map<string, number>();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const i = next++;
        const input = inputs[i]!;
        const path = join(dir, `${i}`);
        writeFileSync(path, input.bytes);
        const t0 = performance.now();
        const outcome = await pool.run("file", { path, contentType: input.contentType, maxChars: pool.limits.maxChars }).then(
          () => "loaded",
          (err: Error) => {
            if (err instanceof DocumentBreach) breaches.push(`input ${i} (${input.kind}, ${path}): ${err.message}`);
            return err instanceof DocumentBreach ? "breach" : err.name;
          },
        );
        busy.set(input.kind, (busy.get(input.kind) ?? 0) + performance.now() - t0);
        const key = `${input.kind} ${outcome}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: pool.limits.workers * 2 }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz seed ${SEED}: ${inputs.length} documents in ${seconds.toFixed(1)} s on ${pool.limits.workers} workers:`,
      Object.fromEntries([...outcomes].sort()),
      "ms per kind:",
      Object.fromEntries([...busy].map(([k, ms]) => [k, Math.round(ms)])),
    );
    expect(breaches, `seed ${SEED} (GOVKPI_FUZZ_SEED=${SEED} reproduces; GOVKPI_KEEP_TMP=1 keeps the inputs)`).toEqual([]);
  }, 300_000);
});
