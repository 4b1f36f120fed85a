import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { builtinPresets } from "../ingest/presets/index.ts";
import { ingestDirectory } from "../ingest/ingest-directory.ts";
import { sampleDefaults } from "../sample/generate-sample.ts";
import { siteIndex } from "../site/site-index.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import { dailyGmv } from "../metrics/daily-gmv.ts";
import { weekPeriod } from "../metrics/period.ts";
import { weeklyKpis } from "../metrics/weekly-kpis.ts";
import { ensureExports, sampleCacheDir } from "./sample-cache.ts";

/**
 * Where a full build's time goes, step by step: ingest per file, then every Framework data loader
 * run the way Framework runs it (a `tsx` process per loader and per week), beside the fixed costs
 * each loader pays (starting node + tsx, opening DuckDB). Wall and CPU time are both reported: on
 * a shared machine CPU time is the steadier figure.
 *
 *   npx tsx src/bench/profile-pipeline.ts --events 10000000 [--weeks N] [--out FILE]
 */
interface Step {
  step: string;
  wall_ms: number;
  cpu_ms: number;
  detail?: string;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs a command and measures it from outside: wall time, and CPU time of it and its children. */
function timed(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ wall_ms: number; cpu_ms: number; bytes: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    // /usr/bin/time is not everywhere; bash's `times` after the command reports children's CPU.
    const child = spawn("bash", ["-c", `set -o pipefail; "$@" | wc -c >&3; s=$?; times >&2; exit $s`, "bash", command, ...args], { cwd, env: { ...process.env, CI: "true", ...env }, stdio: ["ignore", "inherit", "pipe", "pipe"] });
    let err = "";
    let bytes = "";
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (c: Buffer) => (bytes += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const wall_ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} failed:\n${err.slice(-4000)}`));
      // `times` prints two lines: the shell's user/sys, then its children's.
      const lines = err.trim().split("\n").slice(-1)[0];
      const secs = [...lines.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      resolvePromise({ wall_ms, cpu_ms: (secs[0] + secs[1]) * 1000, bytes: Number(bytes.trim()) || 0 });
    });
  });
}

const round = (n: number) => Math.round(n);

async function main() {
  const { values } = parseArgs({ options: { events: { type: "string" }, seed: { type: "string" }, weeks: { type: "string" }, cache: { type: "string" }, out: { type: "string" } } });
  const config = loadConfig();
  const events = Number(values.events ?? 1_000_000);
  const seed = Number(values.seed ?? sampleDefaults.seed);
  const dir = sampleCacheDir(resolve(config.root, values.cache ?? "data/bench/samples"), events, seed);
  const steps: Step[] = [];
  const log = (s: Step) => {
    steps.push(s);
    console.error(`${s.step.padEnd(48)} ${String(round(s.wall_ms)).padStart(8)} ms wall ${String(round(s.cpu_ms)).padStart(8)} ms cpu  ${s.detail ?? ""}`);
  };

  let t = performance.now();
  let c = cpuNow();
  const { exportsDir, generated } = ensureExports(dir, events, seed);
  if (generated) log({ step: "sample", wall_ms: performance.now() - t, cpu_ms: cpuNow() - c, detail: `peak RSS ${round(process.resourceUsage().maxRSS / 1024)} MB` });

  const work = join(dir, "work", "profile");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const db = join(work, "ops.duckdb");
  const warehouse = await openWarehouse({ dbPath: db, timezone: config.timezone });
  let fileStart = performance.now();
  let fileCpu = cpuNow();
  t = performance.now();
  c = cpuNow();
  await ingestDirectory(warehouse.connection, {
    exportsDir,
    presets: builtinPresets,
    onStart: () => {
      fileStart = performance.now();
      fileCpu = cpuNow();
    },
    onFile: (r) => log({ step: `ingest ${r.file}`, wall_ms: performance.now() - fileStart, cpu_ms: cpuNow() - fileCpu, detail: `${r.rowsLoaded} rows` })
  });
  warehouse.close();
  log({ step: "ingest total", wall_ms: performance.now() - t, cpu_ms: cpuNow() - c, detail: `peak RSS ${round(process.resourceUsage().maxRSS / 1024)} MB` });

  // Fixed costs every loader pays before its query.
  const env = { OPSBOOK_DB: db, OPSBOOK_ROOT: config.root };
  const tsx = join(config.root, "node_modules", ".bin", "tsx");
  const empty = join(work, "empty.ts");
  writeFileSync(empty, "export {};\n");
  log({ step: "fixed: node startup", ...(await timed(process.execPath, ["-e", ""], env, config.root)) });
  log({ step: "fixed: tsx startup (empty .ts)", ...(await timed(tsx, [empty], env, config.root)) });
  t = performance.now();
  c = cpuNow();
  for (let i = 0; i < 10; i++) (await openWarehouse({ dbPath: db, timezone: config.timezone, readOnly: true })).close();
  log({ step: "fixed: open+close DuckDB read-only (each)", wall_ms: (performance.now() - t) / 10, cpu_ms: (cpuNow() - c) / 10 });
  t = performance.now();
  c = cpuNow();
  process.env.OPSBOOK_DB = db;
  const index = await siteIndex();
  log({ step: "fixed: siteIndex() (every weekly loader calls it)", wall_ms: performance.now() - t, cpu_ms: cpuNow() - c });

  // The same weekly queries in one process over one connection: what the loaders cost without
  // their per-week process and DuckDB open.
  t = performance.now();
  c = cpuNow();
  const shared = await openWarehouse({ dbPath: db, timezone: config.timezone, readOnly: true });
  for (const { week } of index.weeks) {
    const period = weekPeriod(week);
    await queryRows(shared.connection, weeklyKpis(period));
    await queryRows(shared.connection, dailyGmv(period));
  }
  shared.close();
  log({ step: `in-process: weekly queries × ${index.weeks.length}, one connection`, wall_ms: performance.now() - t, cpu_ms: cpuNow() - c });

  // Every loader, as Framework runs it.
  const loaders = join(config.root, "reports", "data");
  for (const loader of ["site.json.ts", "explore-orders.arrow.ts"]) {
    const r = await timed(tsx, [join(loaders, loader)], env, config.root);
    log({ step: `loader ${loader}`, ...r, detail: `${r.bytes} bytes` });
  }
  const weeks = index.weeks.slice(0, Number(values.weeks ?? index.weeks.length));
  let wall = 0;
  let cpu = 0;
  for (const { week } of weeks) {
    const r = await timed(tsx, [join(loaders, "weekly-[week].json.ts"), `--week=${week}`], env, config.root);
    wall += r.wall_ms;
    cpu += r.cpu_ms;
    log({ step: `loader weekly-${week}.json`, ...r, detail: `${r.bytes} bytes` });
  }
  log({ step: `loaders weekly × ${weeks.length}`, wall_ms: wall, cpu_ms: cpu });
  if (values.out) writeFileSync(resolve(values.out), JSON.stringify({ events, seed, steps }, null, 2) + "\n");
  rmSync(work, { recursive: true, force: true });
}

await main();
