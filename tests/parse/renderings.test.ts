// The seeds as real tools render them (tests/fixtures/renderings, made by generate.ts), scored against the
// seeds' gold labels by the shared scorer: every kind reaches core F1 ≥ 0.95 and metadata ≥ 0.95; scans,
// read by tesseract when it is installed, core F1 ≥ 0.85; without tesseract they stay needs_ocr with the reason,
// and an OCR text layer is read as its engine wrote it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../pipelines/stages/parse/index.ts";
import { ocrUnavailable } from "../../pipelines/stages/parse/ocr.ts";
import { canScore, filesOf, kinds, scoreKind } from "../fixtures/renderings/score.ts";

if (!canScore) console.warn("skipping the rendering scores: ../shared (gold labels, score.mjs) not found");
const ocr = (await ocrUnavailable()) === null;
if (!ocr) console.warn(`scans are checked for needs_ocr only: ${await ocrUnavailable()}`);

const SCANS = ["scan-150dpi"];

describe.skipIf(!canScore)("rendering fixtures scored against the seeds' gold", () => {
  it.each(kinds().filter((k) => !SCANS.includes(k)))(
    "%s",
    async (kind) => {
      const score = await scoreKind(kind);
      expect(score.core, "core F1").toBeGreaterThanOrEqual(0.95);
      expect(score.reports.every((r) => r.status === "parsed")).toBe(true);
      if (kind === "ocr-layer") {
        expect(score.reports.every((r) => r.ocr === true)).toBe(true);
        // the layer tesseract wrote misreads the signing date (2024年了月15日); with tesseract here the pages are read again
        process.env.GOVKPI_OCR = "off";
        try {
          const layer = (await parseReport(readFileSync(filesOf(kind)[0]!), "application/pdf")).text;
          expect(layer).toContain("2024年了月15日");
        } finally {
          delete process.env.GOVKPI_OCR;
        }
        if (!ocr) {
          expect(score.metadata, "metadata").toBeGreaterThanOrEqual(7 / 8);
          return;
        }
        for (const r of score.reports)
          expect(r).toMatchObject({ ocr_confidence: expect.any(Number), status_reason: expect.stringMatching(/replaced by tesseract's reading/) });
      }
      expect(score.metadata, "metadata").toBeGreaterThanOrEqual(0.95);
    },
    120_000,
  );

  it.each(SCANS)(
    "%s (OCR)",
    async (kind) => {
      const score = await scoreKind(kind);
      if (!ocr) {
        expect(score.reports.map((r) => r.status_reason)).toEqual(score.reports.map(() => expect.stringMatching(/needs OCR/)));
        return;
      }
      expect(score.core, "core F1").toBeGreaterThanOrEqual(0.85);
      expect(score.metadata, "metadata").toBeGreaterThanOrEqual(0.95);
      for (const r of score.reports) expect(r).toMatchObject({ status: "parsed", ocr: true, ocr_confidence: expect.any(Number) });
    },
    600_000,
  );
});
