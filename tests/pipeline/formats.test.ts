import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { govkpi, SAMPLES, tempDir } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";
import { asDocx, asHtml, asPdf, partsOf, sampleText, scannedPdf } from "../parse/fixtures.ts";

const SAMPLE = "nantong-health-2023";

describe("the folder connector hands every format to the same parse stage", () => {
  it("lands the same report, with the same facts, from HTML, PDF and DOCX; a scan is needs_ocr; corrupt files are dead letters", async () => {
    const plain = tempDir();
    copyFileSync(join(SAMPLES, `${SAMPLE}.txt`), join(plain, `${SAMPLE}.txt`));
    const formats = tempDir();
    const parts = partsOf(sampleText(SAMPLE));
    writeFileSync(join(formats, `${SAMPLE}.html`), asHtml(parts, "南通市人民政府"));
    writeFileSync(join(formats, `${SAMPLE}.pdf`), (await asPdf(parts, (n) => `— ${n} —`)).bytes);
    writeFileSync(join(formats, `${SAMPLE}.docx`), await asDocx(parts));
    writeFileSync(join(formats, "scan.pdf"), await scannedPdf());
    const pdf = (await asPdf(parts, (n) => `- ${n} -`)).bytes;
    writeFileSync(join(formats, "truncated.pdf"), pdf.subarray(0, Math.floor(pdf.length / 2)));
    writeFileSync(join(formats, "not-a-word-file.docx"), Buffer.from("PK\u0003\u0004 this zip is broken"));

    const [a, b] = [tempDir(), tempDir()];
    expect((await govkpi(["run", "--input", plain, "--data", a])).code).toBe(0);
    // OCR off: this is about routing every format; OCR is scored on real scans in tests/parse/renderings.test.ts
    const run = await govkpi(["run", "--input", formats, "--data", b], { env: { GOVKPI_OCR: "off" } });
    expect(run.code, run.stderr).toBe(0);

    const [text] = await readParquet(a, "SELECT report_id, report_year, org_name FROM reports");
    const reports = await readParquet(b, "SELECT report_id, status, status_reason, report_year, org_name FROM reports ORDER BY status");
    expect(reports).toEqual([
      { ...text, status: "extracted", status_reason: null },
      expect.objectContaining({ status: "needs_ocr", status_reason: expect.stringMatching(/no usable text layer on 3 of 3 pages.*OCR is turned off/) }),
    ]);
    const letters = await readParquet(b, "SELECT stage, reason, source_url FROM dead_letters ORDER BY source_url");
    expect(letters).toEqual([
      expect.objectContaining({ stage: "parse", source_url: expect.stringMatching(/not-a-word-file\.docx$/) }),
      expect.objectContaining({ stage: "parse", source_url: expect.stringMatching(/truncated\.pdf$/), reason: expect.stringMatching(/truncated|PDF/i) }),
    ]);
    expect(run.stdout).toMatch(/2 errors \(dead letters\)/);
    const facts = "SELECT metric, value, approx, qualifier, scope FROM facts ORDER BY ALL";
    expect(await readParquet(b, facts)).toEqual(await readParquet(a, facts));
  });
});
