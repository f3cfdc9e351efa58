// Running the real `govkpi crawl`/`schedule` against the fake government web: a sources.yaml for some of
// its sites, and --resolve for every name it hosts.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { govkpi, REPO, tempDir, type CliResult } from "../../helpers/cli.ts";
import type { GovWeb } from "./vhost.ts";

export interface SourceSpec {
  id: string;
  /** host and path of the start URL */
  host: string;
  path: string;
  /** more YAML keys, indented as a source's */
  extra?: Record<string, unknown>;
}

export function sourcesFile(web: GovWeb, specs: SourceSpec[]): string {
  const file = join(tempDir(), "sources.yaml");
  const yaml = specs
    .map((s) => {
      const keys = { rate_per_minute: 1200, timeout_seconds: 2, schedule: "0 3 * * 1", ...s.extra };
      return [
        `  - id: ${s.id}`,
        `    start_urls: ["${web.url(s.host, s.path)}"]`,
        `    allow_hosts: ["${s.host}:${web.port}"]`,
        ...Object.entries(keys).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
      ].join("\n");
    })
    .join("\n");
  writeFileSync(file, `sources:\n${yaml}\n`);
  return file;
}

export const resolveArgs = (web: GovWeb) => web.hosts.flatMap((h) => ["--resolve", `${h}=127.0.0.1`]);

export function crawl(web: GovWeb, sources: string, data: string, more: string[] = []): Promise<CliResult> {
  return govkpi(["crawl", "--sources", sources, "--data", data, ...resolveArgs(web), ...more]);
}

/** A govkpi child process the test can watch and signal. */
export function spawnGovkpi(args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (c: Buffer) => (err += c));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on("exit", (code, signal) => r(code ?? (signal ? -1 : null))));
  return { child, stderr: () => err, exited };
}
