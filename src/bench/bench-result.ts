import type { BenchCase } from "./bench-case.ts";

/** Timings of one side of a case over its repeats. */
export interface SideResult {
  median_ms: number;
  min_ms: number;
  max_ms: number;
  runs: number;
  /** The child process's own peak while measuring (VmHWM reset after setup; maxRSS where that is not possible). */
  peak_rss_mb: number;
  /** Peak of the sampled sum over the child and its subprocesses (loaders, Chromium). */
  peak_tree_rss_mb: number;
  metrics?: Record<string, number>;
}

export interface CaseResult {
  case: string;
  goal: string;
  opsbook: SideResult | null;
  baseline_name: string | null;
  baseline: SideResult | null;
  /** Opsbook median ÷ baseline median. */
  ratio: number | null;
  status: "ok" | "miss" | "skipped" | "error";
  /** For a miss: by how much, in words ("2.38× > 1.5× allowed, 59 % over"). */
  miss_by?: string;
  note?: string;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function sideResult(times: number[], maxRssKb: number, treePeakBytes: number, metrics?: Record<string, number>): SideResult {
  const sorted = [...times].sort((a, b) => a - b);
  // The true median: the mean of the middle two for an even count.
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  const rssMb = Math.round(maxRssKb / 1024);
  return {
    median_ms: round(median, 1),
    min_ms: round(sorted[0], 1),
    max_ms: round(sorted[sorted.length - 1], 1),
    runs: sorted.length,
    peak_rss_mb: rssMb,
    // Sampling can miss a short spike that maxRSS caught; the tree is never smaller than its root.
    peak_tree_rss_mb: Math.max(rssMb, Math.round(treePeakBytes / 2 ** 20)),
    ...(metrics && Object.keys(metrics).length ? { metrics } : {})
  };
}

/** Applies the case's goals: a ratio to the baseline, an absolute budget, or both. */
export function judge(bench: Pick<BenchCase, "maxRatio" | "maxMs">, opsbook: SideResult, baseline: SideResult | null): Pick<CaseResult, "ratio" | "status" | "miss_by"> {
  const ratio = baseline && baseline.median_ms > 0 ? round(opsbook.median_ms / baseline.median_ms, 2) : null;
  const misses: string[] = [];
  if (bench.maxRatio !== undefined && ratio !== null && ratio > bench.maxRatio) {
    misses.push(`${ratio}× > ${bench.maxRatio}× allowed, ${Math.round((ratio / bench.maxRatio - 1) * 100)} % over`);
  }
  if (bench.maxMs !== undefined && opsbook.median_ms > bench.maxMs) {
    misses.push(`${formatMs(opsbook.median_ms)} > ${formatMs(bench.maxMs)} budget, ${formatMs(opsbook.median_ms - bench.maxMs)} over`);
  }
  return { ratio, status: misses.length ? "miss" : "ok", ...(misses.length ? { miss_by: misses.join("; ") } : {}) };
}

/** Milliseconds below ten seconds, seconds above: what a reader compares at a glance. */
export function formatMs(ms: number): string {
  return ms < 10_000 ? `${round(ms, ms < 100 ? 1 : 0)} ms` : `${round(ms / 1000, 1)} s`;
}
