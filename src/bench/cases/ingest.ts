import { closeSync, copyFileSync, existsSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { hashFile, ingestFile } from "../../ingest/ingest-file.ts";
import { ingestDirectory, listExports } from "../../ingest/ingest-directory.ts";
import { builtinPresets } from "../../ingest/presets/index.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { ensureSchema } from "../../warehouse/schema.ts";
import type { BenchCase } from "../bench-case.ts";

const fresh = (path: string) => {
  for (const p of [path, `${path}.wal`]) rmSync(p, { force: true });
  return path;
};

/** A 神策 events export of `rows` lines, written once per scale: the same bytes for both sides. */
function eventsCsv(dir: string, rows: number): string {
  const path = join(dir, `神策_events_bench_${rows}.csv`);
  if (existsSync(path)) return path;
  const events = ["浏览页面", "浏览页面", "浏览页面", "浏览商品", "加入购物车", "提交订单", "支付成功"];
  // Written in blocks to a temporary name: 10M lines held as one string would exceed node's heap,
  // and an interrupted run must not leave a short file that later runs would trust.
  const partial = `${path}.partial`;
  const fd = openSync(partial, "w");
  try {
    let block = ["distinct_id,event,time,$session_id,$os,$url,$utm_source,product"];
    for (let i = 0; i < rows; i++) {
      const s = i % 86400;
      const time = `2026-10-${String(1 + (i % 28)).padStart(2, "0")} ${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
      block.push(`u${i % 150000},${events[i % 7]},${time},s${Math.floor(i / 5)},ios,/item/${i % 977},抖音,p${i % 13}`);
      if (block.length === 100_000) {
        writeSync(fd, block.join("\n") + "\n");
        block = [];
      }
    }
    if (block.length) writeSync(fd, block.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return path;
}

/** Loading one big events export the Opsbook way (parse, validate, de-duplicate) versus a bare read_csv into a table. */
export const ingestCase: BenchCase = {
  name: "ingest-events",
  goal: "≥ 0.8× raw read_csv throughput (ratio ≤ 1.25)",
  maxRatio: 1.25,
  async setup(ctx) {
    const csv = eventsCsv(ctx.workDir, ctx.events);
    const opsbookDb = join(ctx.workDir, "bench-ingest.duckdb");
    const rawDb = join(ctx.workDir, "bench-raw.duckdb");
    return {
      baselineName: "DuckDB read_csv into a table",
      note: `${ctx.events.toLocaleString()} rows`,
      opsbook: {
        run: async () => {
          const w = await openWarehouse({ dbPath: fresh(opsbookDb), timezone: "Asia/Shanghai" });
          try {
            await ensureSchema(w.connection);
            await ingestFile(w.connection, csv, builtinPresets);
          } finally {
            w.close();
          }
        }
      },
      baseline: {
        run: async () => {
          const instance = await DuckDBInstance.create(fresh(rawDb));
          const connection = await instance.connect();
          await connection.run(`create table events as select * from read_csv('${csv.replace(/'/g, "''")}')`);
          connection.closeSync();
          instance.closeSync();
        }
      }
    };
  }
};

/** Re-running ingest over an export directory already loaded: every file is recognised by its hash and skipped. */
export const reingestCase: BenchCase = {
  name: "reingest-unchanged",
  goal: "< 1 s; ≤ 3× hashing the files",
  maxRatio: 3,
  async setup(ctx) {
    const dir = await ctx.exportsDir();
    const db = join(ctx.workDir, "bench-reingest.duckdb");
    copyFileSync(await ctx.warehousePath(), fresh(db));
    const files = listExports(dir);
    return {
      baselineName: "sha256 of every export file",
      note: `${files.length} files`,
      opsbook: {
        run: async () => {
          const w = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai" });
          try {
            const results = await ingestDirectory(w.connection, { exportsDir: dir, presets: builtinPresets });
            const changed = results.filter((r) => r.status !== "unchanged");
            if (changed.length) throw new Error(`re-ingest loaded ${changed.map((r) => r.file).join(", ")}`);
          } finally {
            w.close();
          }
        }
      },
      baseline: { run: async () => void (await Promise.all(files.map(hashFile))) }
    };
  }
};
