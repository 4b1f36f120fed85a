import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident memory of a process and all its descendants, sampled from /proc. A case's own
 * `maxRSS` misses what its subprocesses use (Framework's data loaders, Chromium), and their peaks
 * add up while they run together; sampling the tree sees the sum. Linux only: elsewhere it reads 0.
 */
export function treeRssBytes(rootPid: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      parents.set(pid, Number(fields[1]));
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      // The process ended between readdir and read.
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === rootPid) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

/** Samples the tree every `intervalMs` until stopped; returns the highest sum seen. */
export function watchTreeRss(rootPid: number, intervalMs = 200): { stop(): number } {
  let peak = treeRssBytes(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(rootPid))), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    }
  };
}
