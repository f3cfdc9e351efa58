// Errors of the machine, not of the report: a full disk, a failing device, too many open files. They must
// never become a report's dead letter; the run stops with one line saying what to fix, and a re-run
// (or, on Kafka, a redelivery) does the work once the cause is gone.
const TRANSIENT_CODES = new Set(["ENOSPC", "EDQUOT", "EIO", "EROFS", "EMFILE", "ENFILE", "ENOMEM"]);
const TRANSIENT_MESSAGES = /No space left on device|Disk quota exceeded|Input\/output error|Read-only file system|Too many open files/i;

export function isTransientIoError(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && TRANSIENT_CODES.has(code)) || TRANSIENT_MESSAGES.test(err.message);
}

/** One line for the operator: what failed and what to do. */
export function describeIoError(err: Error): string {
  const first = err.message.split("\n")[0]!;
  return /ENOSPC|EDQUOT|No space left|quota/i.test(first)
    ? `the disk is full (${first}): free some space, then run again; nothing was dead-lettered for it`
    : `an I/O error stopped the run (${first}): fix the cause, then run again`;
}
