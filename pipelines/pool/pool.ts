// The document pool: every document's parse and extract runs in a worker process, one document at a time per
// worker, as many workers as cores. A document that overruns its time or memory budget, or crashes its worker
// (pdf.js dying with "Fatal JavaScript invalid size error", a V8 heap abort), costs that worker, which is
// replaced, and becomes that document's error; the process running the line never sees it.
//
// Processes rather than worker_threads: V8 aborts the whole process, all threads with it, on a fatal error or
// on one allocation larger than a worker's resourceLimits (tried: `new Array(2e8).fill(0)` in a worker with a
// 256 MB limit kills the parent with "CALL_AND_RETRY_LAST Allocation failed"), and typed arrays (pdf.js
// streams) live outside the V8 heap a thread's limit counts. A process can be killed and measured (RSS).
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { DocumentLimits, type DocumentLimitsInput } from "../../schemas/limits.ts";
import type { JOBS } from "./jobs.ts";
import type { JobReply, JobRequest } from "./protocol.ts";

type Jobs = typeof JOBS;
export type JobName = keyof Jobs;
export type JobInput<K extends JobName> = Parameters<Jobs[K]>[0];
export type JobOutput<K extends JobName> = Awaited<ReturnType<Jobs[K]>>;

/** A document broke a bound (time, memory) or crashed its worker: that document's error, the line goes on. */
export class DocumentBreach extends Error {
  override name = "DocumentBreach";
}

/** The pool itself cannot work (a worker dies before it is ready): no document's fault, so not a dead letter. */
export class PoolError extends Error {
  override name = "PoolError";
}

interface Task {
  id: number;
  job: JobName;
  input: unknown;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  /** the wall-clock backstop of the task's time budget */
  timer: NodeJS.Timeout | null;
  /** the worker's CPU time (ms) when its task started, where /proc tells it */
  cpuAtStart: number | null;
  /** why the pool killed it, when it did */
  killedFor: string | null;
  /** the end of its stderr: a V8 fatal error prints its reason there */
  stderr: string;
}

const MB = 1024 * 1024;
// a bomb grows its worker by ~500 MB/s: checked this often, it passes its bound by little
const POLL_MS = 50;
const PAGE_BYTES = 4096;
/** USER_HZ: /proc counts CPU time in these ticks per second on every Linux architecture Node runs on */
const CLOCK_TICKS = 100;
/** A worker that uses no CPU yet does not answer (blocked) is stopped after this many times the budget in wall time. */
const WALL_BACKSTOP = 5;

/** Set by the build (bin/build.mjs): the bundled worker is dist/worker.js, beside the chunk holding this code. */
declare const GOVKPI_BUNDLED: boolean | undefined;
const BUNDLED = typeof GOVKPI_BUNDLED !== "undefined";
// Bundled, the worker starts as plain JS (~0.1 s); from source it runs through tsx's loader, like the CLI.
const WORKER_ENTRY = new URL(BUNDLED ? "./worker.js" : "./worker.ts", import.meta.url);
const LOADER = BUNDLED ? [] : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];

/** Resident memory of a process, from /proc (Linux); null where that is not available. */
function residentBytes(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== "linux") return null;
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process has used, from /proc (Linux); null where that is not available. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== "linux") return null;
  try {
    // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** An idle worker does not keep this process alive (a command that forgets close() still exits). */
function idle(child: ChildProcess, yes: boolean): void {
  const handles: Array<{ ref(): unknown; unref(): unknown } | null | undefined> = [child, child.channel, child.stderr as Socket | null];
  for (const h of handles) {
    if (yes) h?.unref();
    else h?.ref();
  }
}

/** What a dying worker prints, most telling first: V8's fatal errors, then an uncaught exception. */
const LAST_WORDS = [/Fatal JavaScript[^\n]*/, /FATAL ERROR:[^\n]*/, /Fatal error in[^\n]*/, /Segmentation fault[^\n]*/, /^\s*\w*(?:Error|Exception)\b[^\n]*/m];

/** One line saying why a worker died, from its exit and what it printed last. */
function crashReason(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  const said = LAST_WORDS.map((re) => re.exec(stderr)?.[0]).find(Boolean);
  return `worker crashed (${how})${said ? `: ${said.trim().slice(0, 300)}` : ""}`;
}

export class DocumentPool {
  readonly limits: DocumentLimits;
  private readonly workers: Worker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(limits: DocumentLimitsInput = {}) {
    this.limits = DocumentLimits.parse(limits);
  }

  /** Runs one document's job in a worker. Rejects with the job's own error, a DocumentBreach, or a PoolError. */
  run<K extends JobName>(job: K, input: JobInput<K>): Promise<JobOutput<K>> {
    if (this.closed) return Promise.reject(new PoolError("the document pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, input, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new PoolError("the document pool closed"));
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((done) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return done();
            idle(w.child, false);
            w.child.once("exit", () => done());
            w.killedFor = "the document pool closed";
            w.child.kill("SIGKILL");
          }),
      ),
    );
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (!this.queue.length) return;
      if (worker.ready && !worker.task) this.assign(worker, this.queue.shift()!);
    }
    const starting = this.workers.filter((w) => !w.ready).length;
    for (let n = Math.min(this.queue.length - starting, this.limits.workers - this.workers.length); n > 0; n--) this.spawn();
  }

  private spawn(): void {
    const child = fork(WORKER_ENTRY, [], {
      execArgv: [...LOADER, `--max-old-space-size=${this.limits.memoryMb}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    const worker: Worker = { child, ready: false, task: null, timer: null, cpuAtStart: null, killedFor: null, stderr: "" };
    this.workers.push(worker);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      worker.stderr = (worker.stderr + chunk).slice(-16_384);
    });
    child.on("message", (reply: JobReply) => this.onReply(worker, reply));
    child.on("error", () => {}); // a failed spawn also ends in "exit", which handles it
    child.on("exit", (code, signal) => this.onExit(worker, code, signal));
  }

  private assign(worker: Worker, task: Task): void {
    worker.task = task;
    idle(worker.child, false);
    // the budget is CPU time where /proc tells it, so a busy machine does not turn a fair document into a breach
    worker.cpuAtStart = cpuMs(worker.child.pid);
    const budget = `time budget of ${this.limits.timeoutMs / 1000} s`;
    const [wall, why] =
      worker.cpuAtStart === null
        ? [this.limits.timeoutMs, `${budget} exceeded`]
        : [WALL_BACKSTOP * this.limits.timeoutMs, `no answer within ${WALL_BACKSTOP} × the ${budget} (wall clock)`];
    worker.timer = setTimeout(() => this.kill(worker, why), wall);
    const request: JobRequest = { id: task.id, job: task.job, input: task.input };
    worker.child.send(request);
    this.poll ??= setInterval(() => this.checkBudgets(), POLL_MS);
  }

  private checkBudgets(): void {
    const busy = this.workers.filter((w) => w.task && !w.killedFor);
    if (!busy.length) {
      clearInterval(this.poll!);
      this.poll = null;
    }
    for (const worker of busy) {
      const rss = residentBytes(worker.child.pid);
      const cpu = cpuMs(worker.child.pid);
      if (rss !== null && rss > this.limits.memoryMb * MB) {
        this.kill(worker, `memory budget of ${this.limits.memoryMb} MB exceeded (${Math.round(rss / MB)} MB resident)`);
      } else if (cpu !== null && worker.cpuAtStart !== null && cpu - worker.cpuAtStart > this.limits.timeoutMs) {
        this.kill(worker, `time budget of ${this.limits.timeoutMs / 1000} s exceeded (CPU time)`);
      }
    }
  }

  private kill(worker: Worker, reason: string): void {
    worker.killedFor = reason;
    worker.child.kill("SIGKILL");
  }

  private onReply(worker: Worker, reply: JobReply): void {
    if (reply.type === "ready") {
      worker.ready = true;
      this.dispatch();
      if (!worker.task) idle(worker.child, true);
      return;
    }
    const task = worker.task;
    if (!task || task.id !== reply.id) return;
    this.finish(worker);
    if (reply.ok) task.resolve(reply.value);
    else task.reject(Object.assign(new Error(reply.error.message), reply.error));
    this.dispatch();
  }

  private onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    const task = worker.task;
    this.finish(worker);
    if (this.closed) {
      task?.reject(new PoolError("the document pool closed"));
      return;
    }
    if (task) task.reject(new DocumentBreach(worker.killedFor ?? crashReason(worker.stderr, code, signal)));
    else if (!worker.ready) {
      // dying before it could take any work is the installation's fault, not a document's
      const err = new PoolError(`a document worker could not start: ${crashReason(worker.stderr, code, signal)}`);
      for (const queued of this.queue.splice(0)) queued.reject(err);
    }
    this.dispatch();
  }

  private finish(worker: Worker): void {
    idle(worker.child, true);
    if (worker.timer) clearTimeout(worker.timer);
    worker.timer = null;
    worker.task = null;
  }
}
