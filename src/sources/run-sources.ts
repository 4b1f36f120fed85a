import { refreshChannels } from "../ingest/ingest-directory.ts";
import { openWarehouse } from "../warehouse/open-warehouse.ts";
import { describePosition, loadSource, type SourceLoadResult } from "./load-source.ts";
import { loadConfig } from "../config.ts";
import { checkSource, type SourceDefinition } from "./source-definition.ts";

export interface RunOptions {
  dbPath: string;
  timezone: string;
  batchSize?: number;
  reset?: boolean;
  maxRejects?: number;
  json?: boolean;
}

export function describeSourceResult(r: SourceLoadResult): string {
  if (r.status === "failed") return `✗ ${r.message}`;
  const where = r.order ? describePosition(r.order, r.position) : "";
  if (r.status === "unchanged") return `= ${r.source} → ${r.target}: nothing new after ${where}`;
  return `✓ ${r.source} → ${r.target}: ${r.rowsLoaded.toLocaleString()} rows in ${r.batches} batch${r.batches === 1 ? "" : "es"}${r.rowsRejected ? `, ${r.rowsRejected.toLocaleString()} rejected (see table rejects)` : ""}; now at ${where}`;
}

/** Loads sources one after another into the warehouse, printing a line each; returns the exit code. */
export async function runSources(sources: SourceDefinition[], options: RunOptions): Promise<number> {
  const warehouse = await openWarehouse({ dbPath: options.dbPath, timezone: options.timezone });
  // The number of new rows is unknown until they are read: a running count, not a bar.
  const live = Boolean(process.stderr.isTTY) && !process.env.CI;
  const showProgress = (text: string) => live && process.stderr.write(`\r\x1b[2K${text}`.slice(0, (process.stderr.columns ?? 100) - 1));
  const results: SourceLoadResult[] = [];
  try {
    for (const source of sources) {
      const result = await loadSource(warehouse.connection, source, {
        timezone: options.timezone,
        batchSize: options.batchSize,
        reset: options.reset,
        onBatch: (r) => showProgress(`load-db ${source.name}: ${r.rowsLoaded.toLocaleString()} rows in ${r.batches} batches …`)
      });
      showProgress("");
      results.push(result);
      if (!options.json) console.log(describeSourceResult(result));
    }
    // New channels get their 公域/私域 group, as after a file ingest.
    if (results.some((r) => r.status === "loaded")) await refreshChannels(warehouse.connection);
  } finally {
    showProgress("");
    warehouse.close();
  }
  const failed = results.filter((r) => r.status === "failed").length;
  const rejected = results.reduce((s, r) => s + r.rowsRejected, 0);
  const loaded = results.reduce((s, r) => s + r.rowsLoaded, 0);
  if (options.json) console.log(JSON.stringify({ sources: results, loaded, rejected, failed }, null, 2));
  else if (results.length > 1) console.log(`${results.length} sources: ${loaded.toLocaleString()} rows loaded, ${rejected.toLocaleString()} rejected, ${failed} failed`);
  return failed > 0 || rejected > (options.maxRejects ?? 0) ? 1 : 0;
}

/** What a script in loaders/ does: one source declared in code, loaded into the configured warehouse. */
export async function runLoader(definition: SourceDefinition, script: string): Promise<number> {
  const config = loadConfig();
  const source = checkSource(definition, script);
  return runSources([source], { dbPath: config.dbPath, timezone: config.timezone, maxRejects: Number(process.env.OPSBOOK_MAX_REJECTS ?? 0) });
}
