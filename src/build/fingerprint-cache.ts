import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { warehouseFingerprints, type WarehouseFingerprints } from "./fingerprint.ts";

const fingerprintCode = fileURLToPath(new URL("./fingerprint.ts", import.meta.url));

/** Size and modification time of the warehouse file and its write-ahead log: any write changes one of them. */
function fileStamp(dbPath: string): string {
  return [dbPath, `${dbPath}.wal`].map((file) => (existsSync(file) ? `${statSync(file).size}:${statSync(file).mtimeMs}` : "-")).join("|");
}

/**
 * The warehouse's fingerprints, recomputed only when the DuckDB file (or its WAL) changed since
 * they were last computed: hashing every row of 10M events costs seconds, which the no-change
 * rebuild cannot afford. The stamp also covers the time zone (weeks are cut in it) and the
 * fingerprint code itself.
 */
export async function cachedFingerprints(connection: DuckDBConnection, { dbPath, timezone, cacheFile, recompute = false }: { dbPath: string; timezone: string; cacheFile: string; recompute?: boolean }): Promise<WarehouseFingerprints> {
  const stamp = createHash("sha256").update(fileStamp(dbPath)).update("\0").update(timezone).update("\0").update(readFileSync(fingerprintCode)).digest("hex");
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as { stamp: string } & WarehouseFingerprints;
    if (!recompute && cached.stamp === stamp) return { tables: cached.tables, weeks: cached.weeks };
  } catch {
    // No cache yet, or unreadable: compute.
  }
  const fingerprints = await warehouseFingerprints(connection);
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ stamp, ...fingerprints }) + "\n");
  return fingerprints;
}
