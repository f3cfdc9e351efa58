// Runs the real CLI in a child process, as a user would.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// from the path, not `new URL()`: under a DOM test environment URL is the DOM's, which fileURLToPath refuses
export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SAMPLES = join(REPO, "samples");
export const SHARED = join(REPO, "..", "shared");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function govkpi(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO, "bin", "govkpi.mjs"), ...args],
      { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const made: string[] = [];
process.on("exit", () => {
  if (!process.env.GOVKPI_KEEP_TMP) for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp dir, removed when the test process exits (keep them with GOVKPI_KEEP_TMP=1). */
export function tempDir(prefix = "govkpi-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
