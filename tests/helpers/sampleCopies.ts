import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLES, tempDir } from "./cli.ts";

/**
 * A folder of `count` distinct reports: the samples, each copy moved back by its own number of years (an
 * earlier year's report of the same department). One text with one line changed would be the same report,
 * and report identity rightly loads it once.
 */
export function earlierYearsOfSamples(count: number): string {
  const dir = tempDir();
  const seeds = readdirSync(SAMPLES).filter((f) => f.endsWith(".txt"));
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length]!;
    const back = 1 + Math.floor(i / seeds.length);
    const text = readFileSync(join(SAMPLES, seed), "utf8").replace(/(?<!\d)(?:19|20)\d{2}(?!\d)/g, (y) => String(Number(y) - back));
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${seed}`), text);
  }
  return dir;
}
