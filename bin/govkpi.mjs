#!/usr/bin/env node
// Runs the CLI built to dist/ (`npm ci` builds it; `npm run build` again) when no source it was built from
// changed since; otherwise the TypeScript sources through tsx's loader, so an edit never runs stale code.
import { readFileSync, statSync } from "node:fs";

function builtAndFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("../dist/build.json", import.meta.url), "utf8"));
    return inputs.every((file) => statSync(new URL(`../${file}`, import.meta.url)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (builtAndFresh()) {
  await import("../dist/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../pipelines/cli/main.ts");
}
