import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { warehouseFingerprints, type WarehouseFingerprints } from "./fingerprint.ts";
import type { WarehouseCache } from "./warehouse-cache.ts";

const fingerprintCode = fileURLToPath(new URL("./fingerprint.ts", import.meta.url));

/**
 * The warehouse's fingerprints, recomputed only when the DuckDB file (or its WAL) changed since
 * they were last computed: hashing every row of 10M events costs seconds, which the no-change
 * rebuild cannot afford. The key also covers the time zone (weeks are cut in it) and the
 * fingerprint code itself. DuckDB is opened only to compute them.
 */
export function cachedFingerprints(cache: WarehouseCache, connect: () => Promise<DuckDBConnection>, timezone: string): Promise<WarehouseFingerprints> {
  const key = createHash("sha256").update(timezone).update("\0").update(readFileSync(fingerprintCode)).digest("hex");
  return cache.get("fingerprints", key, async () => warehouseFingerprints(await connect()));
}
