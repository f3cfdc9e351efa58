// govkpi serve as a user runs it: a child process on loopback, posts to it, the warehouse read back.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../helpers/cli.ts";
import { readParquet } from "../helpers/warehouse.ts";

export const TOKEN = "test-token-0123456789";
const running: ChildProcess[] = [];
export const killServers = () => {
  for (const c of running.splice(0)) c.kill("SIGKILL");
};

export interface Served {
  url: string;
  child: ChildProcess;
  /** stderr so far: the JSON log lines */
  log(): string;
}

export function serve(data: string, extra: string[] = [], token = TOKEN): Promise<Served> {
  const child = spawn(process.execPath, [join(REPO, "bin/govkpi.mjs"), "serve", "--port", "0", "--data", data, ...extra], {
    env: { ...process.env, GOVKPI_WEBHOOK_TOKEN: token },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(log);
      if (m) resolve({ url: m[1]!, child, log: () => log });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
}

export const post = (url: string, body: string | Buffer, type: string, token: string | null = TOKEN, headers: Record<string, string> = {}) =>
  fetch(`${url}/reports`, {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
    headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });

export async function loadedReports(data: string, expected: number, columns = "source_url, fact_count"): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await readParquet(data, `SELECT ${columns} FROM reports ORDER BY source_url, report_id`).catch(() => []);
    if (rows.length >= expected) return rows;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${expected} reports loaded in time`);
}
