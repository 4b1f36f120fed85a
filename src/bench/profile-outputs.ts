import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { computeOutputs } from "../build/compute-outputs.ts";
import { loadConfig } from "../config.ts";
import { siteIndexOf } from "../site/site-index.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";

/**
 * Where the build's loader outputs spend their time: every output the site reads, computed over
 * one read-only connection exactly as `opsbook build` does, with wall and CPU time per output and
 * per loader. The outputs are kept under `--keep DIR` so two versions of the code can be compared
 * byte for byte (`diff -r`).
 *
 *   npx tsx src/bench/profile-outputs.ts --db /path/ops.duckdb [--keep DIR] [--out FILE.json]
 */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const { values } = parseArgs({ options: { db: { type: "string" }, keep: { type: "string" }, out: { type: "string" } } });
  if (!values.db) throw new Error("--db PATH is required");
  const config = loadConfig();
  // A copy of the pages without Framework's cache, so every output counts as stale.
  const root = resolve(values.keep ?? join(config.root, ".scratch", `profile-outputs-${process.pid}`));
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(config.root, "reports"), root, { recursive: true, filter: (src) => !src.includes(".observablehq") });
  const warehouse = await openWarehouse({ dbPath: resolve(values.db), timezone: config.timezone, readOnly: true });
  const rows: { target: string; wall_ms: number; cpu_ms: number }[] = [];
  const t0 = performance.now();
  const c0 = cpuNow();
  try {
    const index = await siteIndexOf(warehouse.connection);
    let cpu = cpuNow();
    const result = await computeOutputs(warehouse, config, root, index, (target, ms) => {
      const now = cpuNow();
      rows.push({ target, wall_ms: ms, cpu_ms: now - cpu });
      console.error(`${target.padEnd(44)} ${ms.toFixed(0).padStart(8)} ms wall ${(now - cpu).toFixed(0).padStart(8)} ms cpu`);
      cpu = now;
    });
    for (const f of result.failed) console.error(`FAILED ${f.target}: ${f.message}`);
  } finally {
    warehouse.close();
  }
  const byLoader = new Map<string, { n: number; wall_ms: number; cpu_ms: number }>();
  for (const r of rows) {
    const loader = r.target.replace(/-[^/]*$|\.[^/]*$/, "");
    const sum = byLoader.get(loader) ?? { n: 0, wall_ms: 0, cpu_ms: 0 };
    byLoader.set(loader, { n: sum.n + 1, wall_ms: sum.wall_ms + r.wall_ms, cpu_ms: sum.cpu_ms + r.cpu_ms });
  }
  for (const [loader, s] of byLoader) console.error(`total ${loader.padEnd(30)} × ${String(s.n).padStart(3)} ${s.wall_ms.toFixed(0).padStart(8)} ms wall ${s.cpu_ms.toFixed(0).padStart(8)} ms cpu`);
  console.error(`total ${(performance.now() - t0).toFixed(0)} ms wall, ${(cpuNow() - c0).toFixed(0)} ms cpu`);
  if (values.out) writeFileSync(resolve(values.out), JSON.stringify(rows, null, 2) + "\n");
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

await main();
