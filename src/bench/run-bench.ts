import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { Progress } from "../cli/progress.ts";
import { sampleDefaults } from "../sample/generate-sample.ts";
import type { ChildJob, ChildMessage } from "./bench-child.ts";
import { judge, sideResult, type CaseResult, type SideResult } from "./bench-result.ts";
import { benchCases } from "./cases/index.ts";
import { resultsPage, resultsTable, type BenchReport } from "./results-page.ts";
import { watchTreeRss } from "./tree-rss.ts";

const usage = `npm run bench -- [--events N] [--only NAME[,NAME]] [--repeats K] [--seed S] [--cache DIR] [--out DIR] [--verbose]

  Runs every benchmark case (or those named by --only): each side of a case in its own child
  process, --repeats times, and reports the median with min/max, the ratio to the baseline and the
  peak memory. Exits 1 when a case misses its goal, saying by how much.

  --events N    scale of the sample data (default 1000000)
  --only NAMES  comma-separated case names (${benchCases.map((c) => c.name).join(", ")})
  --repeats K   runs per side (default 3)
  --seed S      sample seed (default ${sampleDefaults.seed}); samples are cached by events and seed
  --cache DIR   where samples are cached (default data/bench/samples)
  --out DIR     write results.json and benchmarks.md here instead of data/bench/ and reports/
  --verbose     show the cases' own output (Framework, loaders) instead of only on failure`;

export class BenchUsageError extends Error {}

export interface BenchOptions {
  events: number;
  repeats: number;
  seed: number;
  only: string[] | null;
  cacheRoot: string;
  outDir: string | null;
  verbose: boolean;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`--${name} must be a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

export function parseBenchArgs(argv: string[], root: string): BenchOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        events: { type: "string" }, only: { type: "string" }, repeats: { type: "string" }, seed: { type: "string" },
        cache: { type: "string" }, out: { type: "string" }, verbose: { type: "boolean" }, help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return "help";
  const only = values.only ? values.only.split(",").map((s) => s.trim()).filter(Boolean) : null;
  const unknown = only?.filter((name) => !benchCases.some((c) => c.name === name)) ?? [];
  if (unknown.length) throw new BenchUsageError(`no case named ${unknown.map((n) => JSON.stringify(n)).join(", ")}; cases: ${benchCases.map((c) => c.name).join(", ")}`);
  return {
    events: positiveInt("events", values.events, 1_000_000),
    repeats: positiveInt("repeats", values.repeats, 3),
    seed: positiveInt("seed", values.seed, sampleDefaults.seed),
    only,
    cacheRoot: resolve(root, values.cache ?? join("data", "bench", "samples")),
    outDir: values.out ? resolve(root, values.out) : null,
    verbose: Boolean(values.verbose)
  };
}

const childScript = fileURLToPath(new URL("./bench-child.ts", import.meta.url));

interface ChildOutcome {
  done: Extract<ChildMessage, { type: "done" }>;
  treePeakBytes: number;
}

/** Runs one job in a fresh process, relaying its progress; its output is shown only if it fails. */
function runChild(job: ChildJob, options: BenchOptions, onProgress: (m: Extract<ChildMessage, { type: "progress" }>) => void, log: (m: string) => void): Promise<ChildOutcome> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(childScript, [JSON.stringify(job)], {
      cwd: job.root,
      // --expose-gc: setup's garbage is collected before the memory peak starts counting.
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: options.verbose ? ["ignore", 2, 2, "ipc"] : ["ignore", "pipe", "pipe", "ipc"],
      // Its own process group: an interrupted run takes down the case's builds and browsers too.
      detached: true
    });
    const interrupt = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    const memory = watchTreeRss(child.pid!);
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let done: ChildOutcome["done"] | undefined;
    let failure: string | undefined;
    child.on("message", (message: ChildMessage) => {
      if (message.type === "progress") onProgress(message);
      else if (message.type === "log") log(message.message);
      else if (message.type === "measuring") memory.reset();
      else if (message.type === "done") done = message;
      else if (message.type === "error") failure = message.message;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
      const treePeakBytes = memory.stop();
      if (done && !failure) return resolvePromise({ done, treePeakBytes });
      const why = failure ?? `the child process ended (${signal ?? `exit ${code}`}) without a result`;
      reject(new Error(`${why}${output.trim() ? `\n--- output ---\n${output.trim()}` : ""}`));
    });
  });
}

/** `onProgress` receives the report so far after each case: a long run that is stopped keeps what it measured. */
export async function runBench(options: BenchOptions, onProgress?: (partial: BenchReport) => void): Promise<BenchReport> {
  const config = loadConfig();
  const selected = benchCases.filter((c) => !options.only || options.only.includes(c.name));
  const log = (m: string) => {
    progress.done();
    console.error(`bench: ${m}`);
  };
  const job = (kind: ChildJob["kind"], caseName?: string): ChildJob => ({
    kind, caseName, events: options.events, seed: options.seed, repeats: options.repeats, cacheRoot: options.cacheRoot, root: config.root, timezone: config.timezone
  });
  const progress = new Progress("bench");

  log(`preparing ~${options.events.toLocaleString("en-US")} sample events (seed ${options.seed}) in ${options.cacheRoot}`);
  const prep = await runChild(job("prepare"), options, (m) => progress.update(m.done, m.total, `prepare: ${m.detail}`), log);
  const info = prep.done.info as Omit<NonNullable<BenchReport["sample"]>, "peak_rss_mb">;
  const sample = { ...info, peak_rss_mb: sideResult([0], prep.done.maxRssKb, prep.treePeakBytes).peak_tree_rss_mb };
  log(`sample: ${sample.events.toLocaleString("en-US")} events, ${sample.users.toLocaleString("en-US")} users${sample.sample_ms !== null ? `, generated in ${(sample.sample_ms / 1000).toFixed(1)} s` : " (cached)"}${sample.ingest_ms !== null ? `, ingested in ${(sample.ingest_ms / 1000).toFixed(1)} s` : ""}, peak ${sample.peak_rss_mb} MB`);

  const results: CaseResult[] = [];
  for (const [i, bench] of selected.entries()) {
    const label = `[${i + 1}/${selected.length}] ${bench.name}`;
    const side = async (kind: "opsbook" | "baseline") => {
      const outcome = await runChild(job(kind, bench.name), options, (m) => progress.update(i, selected.length, `${label} · ${m.detail}`), log);
      return { done: outcome.done, result: outcome.done.skip ? null : sideResult(outcome.done.times, outcome.done.maxRssKb, outcome.treePeakBytes, outcome.done.metrics) };
    };
    const base = { case: bench.name, goal: bench.goal, opsbook: null, baseline_name: null, baseline: null, ratio: null };
    try {
      progress.update(i, selected.length, `${label} · setup`);
      const opsbook = await side("opsbook");
      if (opsbook.done.skip || !opsbook.result) {
        results.push({ ...base, status: "skipped", note: opsbook.done.skip });
        log(`${label}: skipped (${opsbook.done.skip})`);
        onProgress?.(report());
        continue;
      }
      let baseline: SideResult | null = null;
      if (opsbook.done.baselineName) baseline = (await side("baseline")).result;
      const verdict = judge(bench, opsbook.result, baseline);
      results.push({ ...base, opsbook: opsbook.result, baseline_name: opsbook.done.baselineName ?? null, baseline, ...verdict, ...(opsbook.done.note ? { note: opsbook.done.note } : {}) });
      log(`${label}: ${opsbook.result.median_ms} ms${baseline ? ` vs ${baseline.median_ms} ms (${verdict.ratio}×)` : ""}, peak ${opsbook.result.peak_tree_rss_mb} MB → ${verdict.status}${verdict.miss_by ? ` (${verdict.miss_by})` : ""}`);
    } catch (error) {
      results.push({ ...base, status: "error", note: (error as Error).message.split("\n")[0] });
      log(`${label}: error\n${(error as Error).message}`);
    }
    onProgress?.(report());
  }
  progress.done();
  return report();

  function report(): BenchReport {
    return {
      events: options.events,
      seed: options.seed,
      repeats: options.repeats,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.versions.node, platform: `${process.platform}-${process.arch}` },
      sample,
      results: [...results]
    };
  }
}

/** JSON for tools, a page for people: by default data/bench/results.json and reports/benchmarks.md. */
export function writeReport(report: BenchReport, root: string, outDir: string | null): string[] {
  const json = JSON.stringify(report, null, 2) + "\n";
  const files: [string, string][] = outDir
    ? [[join(outDir, "results.json"), json], [join(outDir, "benchmarks.md"), resultsPage(report)]]
    : [
        [join(root, "data", "bench", "results.json"), json],
        // One file per scale, so the 1M and 10M tables of the README can both be reproduced.
        [join(root, "data", "bench", `results-${report.events}.json`), json],
        [join(root, "reports", "benchmarks.md"), resultsPage(report)]
      ];
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return files.map(([file]) => file);
}

/** Exit status: 1 when any case missed its goal or failed, with one line per case saying why. */
export function verdict(report: BenchReport): { code: number; lines: string[] } {
  const bad = report.results.filter((r) => r.status === "miss" || r.status === "error");
  return { code: bad.length ? 1 : 0, lines: bad.map((r) => `bench: ${r.case} ${r.status === "miss" ? `missed its goal (${r.goal}): ${r.miss_by}` : `failed: ${r.note}`}`) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = loadConfig().root;
  try {
    const options = parseBenchArgs(process.argv.slice(2), root);
    if (options === "help") {
      console.log(usage);
    } else {
      const report = await runBench(options, (partial) => writeReport(partial, root, options.outDir));
      const files = writeReport(report, root, options.outDir);
      console.log(resultsTable(report.results, loadConfig().locale));
      console.error(`bench: wrote ${files.join(", ")}`);
      const { code, lines } = verdict(report);
      for (const line of lines) console.error(line);
      process.exitCode = code;
    }
  } catch (error) {
    if (error instanceof BenchUsageError) {
      console.error(`bench: ${error.message}\n\nUsage: ${usage}`);
      process.exitCode = 2;
    } else {
      console.error(`bench: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
