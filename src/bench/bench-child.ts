import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BenchContext } from "./bench-case.ts";
import { benchCases } from "./cases/index.ts";
import { ensureExports, ensureWarehouse, sampleCacheDir } from "./sample-cache.ts";
import { ownPeakKb, resetOwnPeak } from "./tree-rss.ts";

/**
 * One side of one case (or the sample preparation), run in its own process by the runner so that
 * `maxRSS` is this work's peak and nothing else's. Talks to the runner over the IPC channel.
 */
export interface ChildJob {
  kind: "prepare" | "opsbook" | "baseline";
  caseName?: string;
  events: number;
  seed: number;
  repeats: number;
  cacheRoot: string;
  root: string;
  timezone: string;
}

export type ChildMessage =
  | { type: "progress"; done: number; total: number; detail: string }
  | { type: "log"; message: string }
  /** Setup is over: memory peaks count from here. */
  | { type: "measuring" }
  | { type: "done"; times: number[]; maxRssKb: number; metrics?: Record<string, number>; baselineName?: string; note?: string; skip?: string; info?: unknown }
  | { type: "error"; message: string };

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

function context(job: ChildJob, workDir: string): BenchContext {
  const dir = sampleCacheDir(job.cacheRoot, job.events, job.seed);
  return {
    events: job.events,
    seed: job.seed,
    side: job.kind === "baseline" ? "baseline" : "opsbook",
    root: job.root,
    workDir,
    // The runner prepares the cache before any case; these only fall back to building it.
    exportsDir: async () => ensureExports(dir, job.events, job.seed).exportsDir,
    warehousePath: async () => (await ensureWarehouse(dir, ensureExports(dir, job.events, job.seed).exportsDir, job.timezone)).path,
    log: (message) => void send({ type: "log", message })
  };
}

async function prepare(job: ChildJob): Promise<void> {
  const dir = sampleCacheDir(job.cacheRoot, job.events, job.seed);
  const t0 = performance.now();
  const sample = ensureExports(dir, job.events, job.seed, (done, total) => void send({ type: "progress", done, total, detail: "sample days" }));
  const t1 = performance.now();
  const warehouse = await ensureWarehouse(dir, sample.exportsDir, job.timezone, (done, total, file) => void send({ type: "progress", done, total, detail: `ingest ${file}` }));
  const t2 = performance.now();
  await send({
    type: "done",
    times: [],
    maxRssKb: process.resourceUsage().maxRSS,
    info: { ...sample.info, sample_ms: sample.generated ? Math.round(t1 - t0) : null, ingest_ms: warehouse.ingested ? Math.round(t2 - t1) : null }
  });
}

async function runSide(job: ChildJob): Promise<void> {
  const bench = benchCases.find((c) => c.name === job.caseName);
  if (!bench) throw new Error(`no benchmark case named ${JSON.stringify(job.caseName)}`);
  const workDir = join(sampleCacheDir(job.cacheRoot, job.events, job.seed), "work", `${bench.name}-${job.kind}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  try {
    const prepared = await bench.setup(context(job, workDir));
    if ("skip" in prepared) return await send({ type: "done", times: [], maxRssKb: process.resourceUsage().maxRSS, skip: prepared.skip });
    const measure = job.kind === "opsbook" ? prepared.opsbook : prepared.baseline;
    const times: number[] = [];
    const reset = resetOwnPeak();
    await send({ type: "measuring" });
    try {
      if (measure) {
        for (let i = 0; i < job.repeats; i++) {
          await send({ type: "progress", done: i, total: job.repeats, detail: `${job.kind} run ${i + 1}/${job.repeats}` });
          const t0 = performance.now();
          await measure.run();
          times.push(performance.now() - t0);
        }
      }
      await send({ type: "done", times, maxRssKb: ownPeakKb(reset), metrics: measure?.metrics?.(), baselineName: prepared.baselineName, note: prepared.note });
    } finally {
      await prepared.opsbook.close?.();
      await prepared.baseline?.close?.();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const job = JSON.parse(process.argv[2]) as ChildJob;
try {
  await (job.kind === "prepare" ? prepare(job) : runSide(job));
} catch (error) {
  await send({ type: "error", message: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
}
// A case may leave a handle open (a warehouse, a server); the job is over once the result is sent.
process.exit();
