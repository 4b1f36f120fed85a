import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { Progress } from "../cli/progress.ts";
import { builtinPresets } from "../ingest/presets/index.ts";
import { ingestDirectory } from "../ingest/ingest-directory.ts";
import { generateSample } from "../sample/generate-sample.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";
import type { BenchContext, BenchMeasure } from "./bench-case.ts";
import { benchCases } from "./cases/index.ts";

/** Sample users per million events at the default sample's activity level (measured). */
const usersPerMillionEvents = 15_500;

interface Result {
  case: string;
  goal: string;
  opsbook_ms: number | null;
  baseline: string | null;
  baseline_ms: number | null;
  ratio: number | null;
  peak_rss_mb: number;
  status: "ok" | "miss" | "skipped";
  note?: string;
}

async function median(measure: BenchMeasure, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await measure.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function runBench(argv: string[]): Promise<Result[]> {
  const { values } = parseArgs({ args: argv, options: { events: { type: "string" }, only: { type: "string" }, repeats: { type: "string" } } });
  const events = Number(values.events ?? 1_000_000);
  const repeats = Number(values.repeats ?? 3);
  const config = loadConfig();
  const workDir = join(config.root, "data", "bench", `events-${events}`);
  mkdirSync(workDir, { recursive: true });
  let exportsReady: Promise<string> | undefined;
  let warehouseReady: Promise<string> | undefined;
  const ctx: BenchContext = {
    events,
    workDir,
    log: (m) => console.error(`bench: ${m}`),
    exportsDir: () =>
      (exportsReady ??= (async () => {
        const dir = join(workDir, "exports");
        if (!existsSync(join(dir, "campaigns.csv"))) {
          ctx.log(`generating sample exports for ~${events.toLocaleString()} events`);
          const progress = new Progress("sample");
          generateSample({ outDir: dir, users: Math.max(200, Math.round((events / 1e6) * usersPerMillionEvents)), onProgress: (d, t) => progress.update(d, t) });
          progress.done();
        }
        return dir;
      })()),
    warehousePath: () =>
      (warehouseReady ??= (async () => {
        const path = join(workDir, "ops.duckdb");
        const warehouse = await openWarehouse({ dbPath: path, timezone: config.timezone });
        try {
          await ingestDirectory(warehouse.connection, { exportsDir: await ctx.exportsDir(), presets: builtinPresets });
        } finally {
          warehouse.close();
        }
        return path;
      })())
  };

  const selected = benchCases.filter((c) => !values.only || values.only.split(",").includes(c.name));
  const results: Result[] = [];
  const progress = new Progress("bench");
  for (const [i, bench] of selected.entries()) {
    progress.update(i, selected.length, bench.name);
    const prepared = await bench.setup(ctx);
    if ("skip" in prepared) {
      results.push({ case: bench.name, goal: bench.goal, opsbook_ms: null, baseline: null, baseline_ms: null, ratio: null, peak_rss_mb: 0, status: "skipped", note: prepared.skip });
      continue;
    }
    const opsbookMs = await median(prepared.opsbook, repeats);
    const baselineMs = prepared.baseline ? await median(prepared.baseline, repeats) : null;
    const ratio = baselineMs ? opsbookMs / baselineMs : null;
    results.push({
      case: bench.name,
      goal: bench.goal,
      opsbook_ms: Math.round(opsbookMs * 10) / 10,
      baseline: prepared.baselineName ?? null,
      baseline_ms: baselineMs === null ? null : Math.round(baselineMs * 10) / 10,
      ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      status: ratio !== null && bench.maxRatio !== undefined && ratio > bench.maxRatio ? "miss" : "ok",
      note: prepared.note
    });
  }
  progress.done();
  writeResults(config.root, events, results);
  return results;
}

function writeResults(root: string, events: number, results: Result[]): void {
  const header = "| case | goal | Opsbook ms | baseline | baseline ms | ratio | peak RSS MB | status |\n|---|---|---:|---|---:|---:|---:|---|";
  const rows = results.map((r) => `| ${r.case} | ${r.goal} | ${r.opsbook_ms ?? "—"} | ${r.baseline ?? "—"} | ${r.baseline_ms ?? "—"} | ${r.ratio ?? "—"} | ${r.peak_rss_mb} | ${r.status}${r.note ? ` (${r.note})` : ""} |`);
  const table = [header, ...rows].join("\n");
  console.log(table);
  mkdirSync(join(root, "data", "bench"), { recursive: true });
  writeFileSync(join(root, "data", "bench", "results.json"), JSON.stringify({ events, results }, null, 2));
  writeFileSync(join(root, "reports", "benchmarks.md"), `---\ntitle: 性能基准 Benchmarks\n---\n\n# 性能基准\n\n${events.toLocaleString()} sample events; times are medians; ratio = Opsbook ÷ baseline, measured in the same run.\n\n${table}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runBench(process.argv.slice(2));
  process.exitCode = results.some((r) => r.status === "miss") ? 1 : 0;
}
