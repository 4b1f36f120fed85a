/**
 * A benchmark case: Opsbook's way of doing something and a baseline doing the same work, timed in
 * the same run so the ratio means something on a shared machine. Cases live in src/bench/cases/,
 * one per file, listed in src/bench/cases/index.ts.
 */
export interface BenchContext {
  /** Scale requested with --events. */
  events: number;
  /** A scratch directory for this run. */
  workDir: string;
  /** Sample exports at the requested scale (generated once per run, reused by seed). */
  exportsDir(): Promise<string>;
  /** A warehouse loaded from those exports. */
  warehousePath(): Promise<string>;
  log(message: string): void;
}

export interface BenchMeasure {
  /** Runs once; the runner repeats and takes the median. */
  run(): Promise<void>;
}

export interface BenchCase {
  name: string;
  /** What the goal is, e.g. "≥ 0.8× raw read_csv throughput" or "≤ 1.2× hand-written SQL". */
  goal: string;
  /** Ratio = opsbook ÷ baseline time; the case passes when ratio ≤ maxRatio. */
  maxRatio?: number;
  /** Prepares both sides; returning null skips the case with the given reason. */
  setup(ctx: BenchContext): Promise<{ opsbook: BenchMeasure; baseline?: BenchMeasure; baselineName?: string; note?: string } | { skip: string }>;
}
