import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentBreach, DocumentPool, PoolError } from "../../pipelines/pool/pool.ts";
import { extractReport } from "../../pipelines/stages/extract/index.ts";
import { parseReport } from "../../pipelines/stages/parse/index.ts";
import { SAMPLES, tempDir } from "../helpers/cli.ts";
import { cmapBombPdf, nestedFormsPdf } from "../helpers/hostile.ts";

const sample = join(SAMPLES, "nantong-health-2023.txt");
const TEXT = "text/plain";
const PDF = "application/pdf";

let pools: DocumentPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

function pool(limits: ConstructorParameters<typeof DocumentPool>[0]): DocumentPool {
  const p = new DocumentPool(limits);
  pools.push(p);
  return p;
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

const runFile = (p: DocumentPool, path: string, contentType: string) => p.run("file", { path, contentType, maxChars: p.limits.maxChars });

describe("the document pool", () => {
  it("runs documents in worker processes with the same result as in this process", async () => {
    const p = pool({ workers: 2 });
    const names = ["dongyang-health-2022.txt", "heilongjiang-health-2020.txt", "nanshan-health-2024.txt", "nantong-health-2023.txt"];
    const results = await Promise.all(names.map((n) => runFile(p, join(SAMPLES, n), TEXT)));
    for (const [i, name] of names.entries()) {
      const parsed = await parseReport(readFileSync(join(SAMPLES, name)), TEXT);
      const local = extractReport({ text: parsed.text, page: parsed.page, site_host: null });
      expect(results[i]!.facts, name).toEqual(local.facts);
      expect(results[i]!.metadata, name).toEqual(local.metadata);
      expect(results[i]!.facts.length, name).toBeGreaterThan(0);
    }
  });

  it("a job's own error (a corrupt file) comes back as that error, and the worker stays", async () => {
    const p = pool({ workers: 1 });
    const cut = file("cut.pdf", Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"));
    await expect(runFile(p, cut, PDF)).rejects.toMatchObject({ name: "ParseError", message: expect.stringMatching(/truncated PDF/) });
    await expect(runFile(p, sample, TEXT)).resolves.toMatchObject({ status: "parsed" });
  });

  it("a document over its time budget is a breach; its worker is replaced and the next document runs", async () => {
    const p = pool({ workers: 1, timeoutMs: 1500 });
    const slow = file("forms.pdf", nestedFormsPdf(5));
    const err = await runFile(p, slow, PDF).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DocumentBreach);
    expect((err as Error).message).toBe("time budget of 1.5 s exceeded (CPU time)");
    await expect(runFile(p, sample, TEXT)).resolves.toMatchObject({ status: "parsed" });
  });

  it("a document over its memory budget is a breach (pdf.js filling an array from a 1.7 KB CMap)", async () => {
    const p = pool({ workers: 1, memoryMb: 256 });
    const bomb = file("cmap.pdf", cmapBombPdf());
    await expect(runFile(p, bomb, PDF)).rejects.toThrow(/^memory budget of 256 MB exceeded \(\d+ MB resident\)$/);
    await expect(runFile(p, sample, TEXT)).resolves.toMatchObject({ status: "parsed" });
  });

  it("a worker that V8 aborts (Fatal JavaScript invalid size error) is that document's breach, with V8's words", async () => {
    // memory bound set high on purpose, so that pdf.js gets to V8's array limit and the process aborts
    const p = pool({ workers: 1, memoryMb: 6000, timeoutMs: 120_000 });
    const bomb = file("cmap.pdf", cmapBombPdf());
    await expect(runFile(p, bomb, PDF)).rejects.toThrow(/^worker crashed \(signal SIGTRAP\): Fatal JavaScript invalid size error/);
    await expect(runFile(p, sample, TEXT)).resolves.toMatchObject({ status: "parsed" });
  }, 150_000);

  it("closing rejects what is queued and running; a closed pool takes no work", async () => {
    const p = pool({ workers: 1 });
    const slow = file("forms.pdf", nestedFormsPdf(5));
    const running = runFile(p, slow, PDF).catch((e: Error) => e);
    const queued = runFile(p, sample, TEXT).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 500));
    await p.close();
    expect(await running).toBeInstanceOf(PoolError);
    expect(await queued).toBeInstanceOf(PoolError);
    await expect(runFile(p, sample, TEXT)).rejects.toBeInstanceOf(PoolError);
  });
});
