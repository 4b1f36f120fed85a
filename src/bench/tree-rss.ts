import { readdirSync, readFileSync, writeFileSync } from "node:fs";

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

/** Samples the tree every `intervalMs` until stopped; returns the highest sum seen since the last reset. */
export function watchTreeRss(rootPid: number, intervalMs = 200): { reset(): void; stop(): number } {
  let peak = treeRssBytes(rootPid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(rootPid))), intervalMs);
  return {
    reset() {
      peak = treeRssBytes(rootPid);
    },
    stop() {
      clearInterval(timer);
      return peak;
    }
  };
}

/**
 * Starts a new peak for this process: a case's setup (writing test data, building a site) must not
 * count as the memory of the work it prepares. Linux resets the high-water mark on writing 5 to
 * clear_refs; elsewhere this returns false and the lifetime peak (maxRSS) is reported instead.
 */
export function resetOwnPeak(): boolean {
  (globalThis as { gc?: () => void }).gc?.();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** This process's peak RSS in KiB since the last reset (VmHWM), or its lifetime maxRSS. */
export function ownPeakKb(wasReset: boolean): number {
  if (wasReset) {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  }
  return process.resourceUsage().maxRSS;
}
