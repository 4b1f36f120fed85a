import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { builtinPresets } from "../ingest/presets/index.ts";
import { ingestDirectory } from "../ingest/ingest-directory.ts";
import { generateSample } from "../sample/generate-sample.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";

/**
 * A year of sample data: the issue's "10 million events ≈ a year of a mid-size shop". Measured on
 * seed 20261119 with the realistic funnel: 149,000 users over 365 days write 8,780,841 events, so
 * about 17,000 users per million events.
 */
export const benchSampleDays = 365;
const usersPerMillionEvents = 17_000;

export function sampleUsers(events: number): number {
  return Math.max(200, Math.round((events / 1e6) * usersPerMillionEvents));
}

/** Where the sample for one scale and seed lives; reused by every later run with the same pair. */
export function sampleCacheDir(cacheRoot: string, events: number, seed: number): string {
  return join(cacheRoot, `events-${events}-seed-${seed}`);
}

export interface SampleInfo {
  events: number;
  orders: number;
  users: number;
  days: number;
  start: string;
  end: string;
}

/**
 * Writes the exports once. They go to a temporary directory renamed at the end, so an interrupted
 * run never leaves a half-written sample that later runs would trust.
 */
export function ensureExports(dir: string, events: number, seed: number, onProgress?: (done: number, total: number) => void): { exportsDir: string; info: SampleInfo; generated: boolean } {
  const exportsDir = join(dir, "exports");
  const infoFile = join(dir, "sample.json");
  if (existsSync(infoFile) && existsSync(exportsDir)) return { exportsDir, info: JSON.parse(readFileSync(infoFile, "utf8")), generated: false };
  const partial = join(dir, "exports.partial");
  rmSync(partial, { recursive: true, force: true });
  rmSync(exportsDir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const summary = generateSample({ outDir: partial, users: sampleUsers(events), days: benchSampleDays, seed, onProgress });
  renameSync(partial, exportsDir);
  const info: SampleInfo = { events: summary.events, orders: summary.orders, users: summary.users, days: benchSampleDays, start: summary.start, end: summary.end };
  writeFileSync(infoFile, JSON.stringify(info, null, 2));
  return { exportsDir, info, generated: true };
}

/** Loads the cached exports into a warehouse beside them, once; same write-then-rename rule. */
export async function ensureWarehouse(dir: string, exportsDir: string, timezone: string, onFile?: (done: number, total: number, file: string) => void): Promise<{ path: string; ingested: boolean }> {
  const path = join(dir, "ops.duckdb");
  if (existsSync(path)) return { path, ingested: false };
  const partial = join(dir, "ops.partial.duckdb");
  rmSync(partial, { force: true });
  rmSync(`${partial}.wal`, { force: true });
  const warehouse = await openWarehouse({ dbPath: partial, timezone });
  try {
    const results = await ingestDirectory(warehouse.connection, {
      exportsDir,
      presets: builtinPresets,
      onFile: (result, i, total) => onFile?.(i + 1, total, result.file)
    });
    const failed = results.filter((r) => r.status === "failed");
    if (failed.length) throw new Error(`the bench sample did not load:\n${failed.map((f) => `  ${f.message}`).join("\n")}`);
    // Fold the WAL into the file: only the .duckdb file is renamed into place.
    await warehouse.connection.run("checkpoint");
  } finally {
    warehouse.close();
  }
  renameSync(partial, path);
  return { path, ingested: true };
}
