import { readFileSync } from "node:fs";
import { extractFacts } from "./pipelines/stages/extract/facts.ts";
for (const t of readFileSync(process.argv[2]!, "utf8").split("\n").filter(Boolean)) {
  console.log("■", t);
  for (const f of extractFacts(t)) console.log("   ", f.metric, f.value, f.approx !== "exact" ? f.approx : "", f.qualifier ?? "", f.scope ? `[${f.scope}]` : "");
}
