// The --sources option of crawl and schedule: a sources.yaml read and checked, or exit 2 saying why.
import { readFile } from "node:fs/promises";
import { parseSources, type Source } from "../../schemas/sources.ts";

export async function sourcesOrExit(command: string, file: string, only?: string): Promise<Source[]> {
  let sources: Source[] = [];
  try {
    sources = parseSources(await readFile(file, "utf8"));
  } catch (err) {
    console.error(`govkpi ${command}: ${file}: ${(err as Error).message}`);
    process.exit(2);
  }
  const chosen = sources.filter((s) => !only || s.id === only);
  if (!chosen.length) {
    console.error(`govkpi ${command}: no source ${only} in ${file}`);
    process.exit(2);
  }
  return chosen;
}
