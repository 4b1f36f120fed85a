import { existsSync } from "node:fs";
import { loadConfig, type OpsbookConfig } from "../config.ts";
import { openWarehouse, type Warehouse } from "./open-warehouse.ts";
import { queryRows, type MetricQuery, type Row } from "./query-rows.ts";

/** Opens the configured warehouse for the duration of `fn`, then closes it. */
export async function withWarehouse<T>(fn: (warehouse: Warehouse, config: OpsbookConfig) => Promise<T>, { readOnly = true, dbPath }: { readOnly?: boolean; dbPath?: string } = {}): Promise<T> {
  const config = loadConfig();
  const path = dbPath ?? config.dbPath;
  if (readOnly && !existsSync(path)) throw new Error(`no warehouse at ${path}: run \`opsbook ingest\` first`);
  const warehouse = await openWarehouse({ dbPath: path, timezone: config.timezone, readOnly });
  try {
    return await fn(warehouse, config);
  } finally {
    warehouse.close();
  }
}

/** Runs one metric query against the warehouse: what a page's data loader does. */
export function loadRows(query: MetricQuery): Promise<Row[]> {
  return withWarehouse(({ connection }) => queryRows(connection, query));
}
