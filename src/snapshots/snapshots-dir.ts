import { dirname, resolve } from "node:path";
import type { OpsbookConfig } from "../config.ts";

/**
 * Snapshots live beside the warehouse (data/snapshots/ for data/ops.duckdb) and are committed:
 * they are what the closed weeks' pages showed. OPSBOOK_SNAPSHOTS moves them.
 */
export function snapshotsDir(config: OpsbookConfig): string {
  return process.env.OPSBOOK_SNAPSHOTS ? resolve(config.root, process.env.OPSBOOK_SNAPSHOTS) : resolve(dirname(config.dbPath), "snapshots");
}
