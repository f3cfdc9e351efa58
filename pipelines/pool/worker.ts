// A document worker process: runs the jobs the pool sends, one at a time, and answers each with its result
// or its error. It exits with the pool (the IPC channel closing).
import { JOBS } from "./jobs.ts";
import type { JobReply, JobRequest } from "./protocol.ts";

const reply = (message: JobReply) => process.send!(message);

process.on("message", async ({ id, job, input }: JobRequest) => {
  try {
    const value = await JOBS[job as keyof typeof JOBS](input as never);
    reply({ type: "done", id, ok: true, value });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    // the code too: a full disk (ENOSPC) in a worker is the machine's fault, not the document's (ioErrors.ts)
    reply({ type: "done", id, ok: false, error: { name: e.name, message: e.message, code: (e as NodeJS.ErrnoException).code } });
  }
});
process.on("disconnect", () => process.exit(0));
reply({ type: "ready" });
