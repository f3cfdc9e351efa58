// npm run bench: every benchmark, each a ratio against its baseline measured in the same run.
import { benchExtract } from "./extract.bench.ts";
import { benchLoad } from "./load.bench.ts";

console.log("== extraction (vs one regex pass over the same text)");
benchExtract();
console.log("\n== warehouse load (appender data chunks vs row-by-row INSERT)");
await benchLoad();
