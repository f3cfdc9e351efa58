#!/usr/bin/env node
// Builds the CLI to dist/ once (npm ci runs this as the prepare script): one ES module per command's code,
// loaded only when that command runs, packages left to node_modules. dist/build.json lists the sources it
// was built from, so bin/govkpi.mjs can tell when an edit made it stale.
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtAt = Date.now();
// the document pool starts its worker processes from a file of their own, dist/worker.js beside its chunk
const entryPoints = { main: "pipelines/cli/main.ts", worker: "pipelines/pool/worker.ts" };
rmSync(`${root}dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  define: { GOVKPI_BUNDLED: "true" },
  metafile: true,
  logLevel: "warning",
});
mkdirSync(`${root}dist`, { recursive: true });
const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
writeFileSync(`${root}dist/build.json`, JSON.stringify({ builtAt, inputs }));
