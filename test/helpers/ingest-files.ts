import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Warehouse } from "../../src/warehouse/open-warehouse.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { tables } from "../../src/warehouse/tables.ts";

/** A scratch directory and a writer of named files in it. */
export function scratch(prefix = "opsbook-ingest-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name: string, content: string | Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    }
  };
}

/**
 * Every stored row of every table, as text: two snapshots are equal only if nothing was added,
 * changed or lost. Rejects and the log are included; ingest time stamps are not.
 */
export async function snapshot(warehouse: Warehouse): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of [...Object.keys(tables), "ingest_log", "rejects"]) {
    const rows = await queryRows(warehouse.connection, { sql: `select * exclude (${table === "ingest_log" || table === "rejects" ? "loaded_at" : "source_file"}) from ${table}` });
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
