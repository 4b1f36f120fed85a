/**
 * A benchmark case: Opsbook's way of doing something and a baseline doing the same work, timed in
 * the same run so the ratio means something on a shared machine. Cases live in src/bench/cases/,
 * one per file, listed in src/bench/cases/index.ts.
 *
 * The runner calls `setup` in a fresh child process for each side (Opsbook, then baseline), so
 * each side's peak memory is its own; setup itself is not timed.
 */
export interface BenchContext {
  /** Scale requested with --events. */
  events: number;
  /** Seed of the sample data (--seed). */
  seed: number;
  /** Which side this process measures: setup may skip what only the other side needs. */
  side: "opsbook" | "baseline";
  /** The project root (where reports/ and node_modules/ are). */
  root: string;
  /** A scratch directory for this case and side; emptied before and removed after. */
  workDir: string;
  /** Sample exports at the requested scale, generated once and reused across runs by events+seed. */
  exportsDir(): Promise<string>;
  /** A warehouse loaded from those exports (cached beside them). Open it read-only, or copy it. */
  warehousePath(): Promise<string>;
  log(message: string): void;
}

export interface BenchMeasure {
  /** Runs once; the runner repeats and takes the median. */
  run(): Promise<void>;
  /**
   * Extra figures the case measured on its last run (e.g. `{ js_heap_mb: 210 }`), reported beside
   * the timings. Optional.
   */
  metrics?(): Record<string, number>;
  /** Releases what setup opened (a browser, a server). Optional. */
  close?(): Promise<void>;
}

export interface BenchCase {
  name: string;
  /** What the goal is, e.g. "≥ 0.8× raw read_csv throughput" or "≤ 1.2× hand-written SQL". */
  goal: string;
  /** Ratio = opsbook ÷ baseline time; the case passes when ratio ≤ maxRatio. */
  maxRatio?: number;
  /** An absolute goal on Opsbook's median time, for cases whose goal is a budget (full build ≤ 60 s). */
  maxMs?: number;
  /** Prepares both sides; returning null skips the case with the given reason. */
  setup(ctx: BenchContext): Promise<{ opsbook: BenchMeasure; baseline?: BenchMeasure; baselineName?: string; note?: string } | { skip: string }>;
}
