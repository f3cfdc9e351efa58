// The memory of a process and all its descendants (the document pool's workers included), from /proc:
// getrusage and /usr/bin/time report the largest single process, not a tree's sum.
import { readdirSync, readFileSync } from "node:fs";

const PAGE_BYTES = 4096;

function stat(pid: string): { ppid: number; rssBytes: number } | null {
  try {
    // after the command name (which may hold spaces and parentheses): ppid is the 2nd field, rss the 22nd
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return null; // gone meanwhile
  }
}

/** Resident bytes of `root` and its descendants now. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const s = stat(pid);
    if (!s) continue;
    rss.set(Number(pid), s.rssBytes);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(pid)]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    total += rss.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples a process tree's resident memory every `everyMs` until stopped; `peak()` is the largest sum seen. */
export function watchTreeRss(root: number, everyMs = 50): { peak(): number; stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRss(root));
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
