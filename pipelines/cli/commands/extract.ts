// govkpi extract FILE…: parse and extract files, no warehouse; JSONL on stdout in the scorer's format.
// Each file runs in the document pool, bounded as in a run; the lines come out in the order of the files.
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { addLimitOptions, limitsFromOptions, type LimitOptions } from "../limitOptions.ts";

export function registerExtract(program: Command): void {
  const extract = program
    .command("extract")
    .description("print report metadata, facts and table checks of each file as JSONL (no warehouse)")
    .argument("<files...>", "report files (.txt .md .html .pdf .docx .doc .wps .rtf .odt .mht)");
  addLimitOptions(extract).action(async (files: string[], opts: LimitOptions) => {
    const [{ DocumentPool }, { contentTypeFor }] = await Promise.all([import("../../pool/pool.ts"), import("../../stages/parse/contentType.ts")]);
    const pool = new DocumentPool(limitsFromOptions("extract", opts));
    // all files queued at once (the pool runs as many as it has workers); each outcome settled, never left unhandled
    const outcomes = files.map((file) => {
      // a markdown rendering of a report (an HTML-to-markdown crawler's) is read as text when named here;
      // a folder import leaves .md files alone (READMEs, NOTICEs)
      const contentType = contentTypeFor(file) ?? (/\.md$/i.test(file) ? "text/plain" : null);
      const run = contentType
        ? pool.run("file", { path: resolve(file), contentType, maxChars: pool.limits.maxChars })
        : Promise.reject(new Error(`unsupported file type (extension) of ${basename(file)}`));
      return run.then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      );
    });
    let failed = 0;
    for (const [i, file] of files.entries()) {
      const doc = basename(file);
      const outcome = await outcomes[i]!;
      if ("error" in outcome) {
        failed++;
        console.error(`govkpi extract: ${doc}: ${outcome.error.message}`);
        continue;
      }
      const { title, status, status_reason, ocr, ocr_confidence, metadata, facts, checks } = outcome.value;
      const lines = [
        { type: "report", doc, title, status, status_reason, ocr, ocr_confidence, ...metadata },
        ...facts.map((f) => ({ type: "fact", doc, ...f })),
        ...checks.map((c) => ({ type: "check", doc, ...c })),
      ];
      process.stdout.write(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    }
    await pool.close();
    if (failed) process.exitCode = 1;
  });
}
