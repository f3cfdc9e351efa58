// Structured logs for the long-running commands (serve, schedule, worker): one JSON object per line on
// stderr (pino), the level as a word, so a log shipper can filter by level, source or request id.
import pino, { type Logger } from "pino";

export type Log = Logger;

export function createLog(level: string, command: string): Log {
  return pino(
    {
      level,
      base: { pid: process.pid, cmd: command },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // synchronous: the last lines before an exit are not lost
    pino.destination({ dest: 2, sync: true }),
  );
}
