// govkpi extract FILE…: parse and extract files, no warehouse; JSONL on stdout in the scorer's format.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("print report metadata and facts of each file as JSONL (no warehouse)")
    .argument("<files...>", "report files (.txt .html .pdf .docx .doc)")
    .action(async (files: string[]) => {
      const [{ parseReport }, { contentTypeFor }, { extractReport }] = await Promise.all([
        import("../../stages/parse/index.ts"), import("../../stages/parse/contentType.ts"), import("../../stages/extract/index.ts"),
      ]);
      let failed = 0;
      for (const file of files) {
        const doc = basename(file);
        try {
          const contentType = contentTypeFor(file);
          if (!contentType) throw new Error(`unsupported file type (extension) of ${doc}`);
          const parsed = await parseReport(await readFile(file), contentType);
          const { metadata, facts } = extractReport({ text: parsed.text, page: parsed.page, site_host: null });
          const lines = [{ type: "report", doc, title: parsed.page.title, status: parsed.status, status_reason: parsed.status_reason, ...metadata }];
          process.stdout.write(
            [...lines, ...facts.map((f) => ({ type: "fact", doc, ...f }))].map((l) => JSON.stringify(l)).join("\n") + "\n",
          );
        } catch (err) {
          failed++;
          console.error(`govkpi extract: ${doc}: ${(err as Error).message}`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
