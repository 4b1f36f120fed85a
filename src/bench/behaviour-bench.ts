import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openWarehouse, type Warehouse } from "../warehouse/open-warehouse.ts";
import { parseFunnelDefinition, parseLifecycleDefinition, parseRetentionDefinition } from "../metrics/definitions.ts";
import type { BenchCase, BenchContext, BenchMeasure } from "./bench-case.ts";

/**
 * What the behavioural benchmark cases measure, shared by the SQL and the pandas comparisons so
 * every side computes the same numbers: a 4-step ordered purchase funnel with a 14-day window,
 * weekly first-time retention over 12 weeks (注册 → 浏览页面), and weekly lifecycle of 浏览页面.
 */
export const benchSpecs = {
  funnel: { steps: ["浏览商品", "加入购物车", "提交订单", "支付成功"], window: "14d" },
  retention: { start: "注册", return: "浏览页面", period: "week", periods: 12, type: "first_time" },
  lifecycle: { event: "浏览页面", period: "week" }
};
export const benchFunnel = parseFunnelDefinition(benchSpecs.funnel);
export const benchRetention = parseRetentionDefinition(benchSpecs.retention);
export const benchLifecycle = parseLifecycleDefinition(benchSpecs.lifecycle);

/**
 * A measure that also reports its median CPU time (this process, all DuckDB threads) as `cpu_ms`:
 * on a shared 2-core machine the two sides run at different moments under different load, so their
 * wall times can differ by half either way while CPU time per query barely moves.
 */
export function withCpuTime(run: () => Promise<unknown>): BenchMeasure {
  const cpu: number[] = [];
  return {
    async run() {
      const before = process.cpuUsage();
      await run();
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    },
    metrics: () => ({ cpu_ms: Math.round([...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)]) })
  };
}

/** The sample warehouse opened read-only in Shanghai time. */
export async function benchWarehouse(ctx: BenchContext): Promise<Warehouse> {
  return openWarehouse({ dbPath: await ctx.warehousePath(), timezone: "Asia/Shanghai", readOnly: true });
}

/** The sample's events as a plain CSV (user_id, event, ts in Shanghai wall-clock time), written once per scale. */
export async function eventsCsv(ctx: BenchContext): Promise<string> {
  const path = join(ctx.workDir, "events.csv");
  if (!existsSync(path)) {
    const warehouse = await benchWarehouse(ctx);
    try {
      await warehouse.connection.run(`copy (select user_id, event, strftime(ts, '%Y-%m-%d %H:%M:%S') as ts, channel, platform from events order by ts) to '${path.replace(/'/g, "''")}' (header)`);
    } finally {
      warehouse.close();
    }
  }
  return path;
}

/** Debian's python3 with pandas (apt-get install python3-pandas), or why not. */
export function pandasPython(): { python: string } | { skip: string } {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(python, ["-c", "import pandas"], { encoding: "utf8" });
    if (probe.status === 0) return { python };
  }
  return { skip: "no pandas: apt-get install -y python3-pandas" };
}

const script = fileURLToPath(new URL("./pandas-behaviour.py", import.meta.url));

/** Runs the pandas version end to end (read the CSV, compute); returns its JSON output. */
export function runPandas(python: string, metric: "funnel" | "retention" | "lifecycle", csv: string): unknown {
  const result = spawnSync(python, [script, metric, csv], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pandas ${metric} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

type Metric = keyof typeof benchSpecs;
const bin = fileURLToPath(new URL("../../bin/opsbook.mjs", import.meta.url));

/** Runs `opsbook metric <metric> --events CSV --json` as a user would; returns its JSON. */
function runOpsbook(metric: Metric, spec: string, csv: string): unknown {
  const result = spawnSync(process.execPath, [bin, "metric", metric, "--spec", spec, "--events", csv, "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`opsbook metric ${metric} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The numbers both sides report, in one comparable shape. */
function essentials(metric: Metric, output: unknown, side: "opsbook" | "pandas"): unknown {
  if (metric === "funnel") {
    const steps = (output as { steps: { count: number; median_seconds_from_previous?: number | null; median?: number | null }[] }).steps;
    return steps.map((s) => [s.count, side === "opsbook" ? s.median_seconds_from_previous : s.median]);
  }
  if (metric === "retention") {
    // pandas has no notion of an immature period: compare the cells Opsbook reports.
    const cohorts = (output as { cohorts: { size: number; values: (number | null)[] }[] }).cohorts;
    return cohorts.map((c) => [c.size, c.values]);
  }
  const periods = (output as { periods: { new: number; returning: number; resurrecting: number; dormant: number }[] }).periods;
  return periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant]);
}

/** A case timing Opsbook's CLI against the pandas script, both end to end from the same CSV. */
export function pandasCase(metric: Metric): BenchCase {
  return {
    name: `${metric}-vs-pandas`,
    goal: "≥ 4× faster than pandas, end to end from CSV",
    maxRatio: 0.25,
    async setup(ctx) {
      const python = pandasPython();
      if ("skip" in python) return python;
      const csv = await eventsCsv(ctx);
      const spec = join(ctx.workDir, `${metric}.json`);
      writeFileSync(spec, JSON.stringify(benchSpecs[metric]));
      const ours = essentials(metric, runOpsbook(metric, spec, csv), "opsbook");
      let theirs = essentials(metric, runPandas(python.python, metric, csv), "pandas");
      if (metric === "retention") {
        const mask = ours as [number, (number | null)[]][];
        theirs = (theirs as [number, number[]][]).map(([size, values], i) => [size, values.map((v, k) => (mask[i]?.[1][k] === null ? null : v))]);
      }
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`${metric}: Opsbook and pandas disagree:\n${JSON.stringify(ours).slice(0, 500)}\n${JSON.stringify(theirs).slice(0, 500)}`);
      return {
        opsbook: { run: async () => void runOpsbook(metric, spec, csv) },
        baselineName: "pandas (python3-pandas)",
        baseline: { run: async () => void runPandas(python.python, metric, csv) }
      };
    }
  };
}
