import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadStaged } from "../ingest/ingest-file.ts";
import { ensureSchema } from "../warehouse/schema.ts";
import { tables } from "../warehouse/tables.ts";
import { batchQuery, probeQuery } from "./batch-query.ts";
import { defaultBatchSize, defaultUrlEnv, sourcePreset, type SourceDefinition } from "./source-definition.ts";
import { connectSource, type SourceDriver } from "./source-driver.ts";
import { ensureSourceState, readSourceState, resetSourceState, writeSourceState } from "./source-state.ts";
import { redactUrl, scrubSecret } from "./source-url.ts";
import { stageRows } from "./stage-rows.ts";

export interface SourceLoadResult {
  source: string;
  status: "loaded" | "unchanged" | "failed";
  target: string;
  /** The server, password hidden. */
  server?: string;
  batches: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Watermark column then key columns, and where the source now stands in them. */
  order?: string[];
  position?: string[];
  message?: string;
}

export interface LoadSourceOptions {
  timezone: string;
  env?: NodeJS.ProcessEnv;
  batchSize?: number;
  /** Forget the watermark and read from the start; rows already loaded are de-duplicated as usual. */
  reset?: boolean;
  onBatch?: (progress: SourceLoadResult) => void;
}

/** The name rows of this source carry in source_file, ingest_log and rejects. */
export const sourceLabel = (source: SourceDefinition) => `db:${source.name}`;

export function sourceUrl(source: SourceDefinition, env: NodeJS.ProcessEnv = process.env): string {
  const variable = source.url_env ?? defaultUrlEnv;
  const url = env[variable];
  if (!url) throw new Error(`source ${source.name}: environment variable ${variable} is not set (export ${variable}=postgres://user:password@host:5432/db or mysql://…)`);
  return url;
}

/**
 * Loads a database table or query into the warehouse in batches ordered by (watermark, key). Each
 * batch is one warehouse transaction that also moves the watermark, so a failure keeps every
 * earlier batch and loses nothing of the failed one: the next run resumes where the last commit
 * left off, and a run with nothing new loads nothing.
 */
export async function loadSource(connection: DuckDBConnection, source: SourceDefinition, options: LoadSourceOptions): Promise<SourceLoadResult> {
  const result: SourceLoadResult = { source: source.name, status: "unchanged", target: source.target, batches: 0, rowsLoaded: 0, rowsRejected: 0 };
  let url: string | undefined;
  let driver: SourceDriver | undefined;
  try {
    url = sourceUrl(source, options.env);
    result.server = redactUrl(url);
    await ensureSchema(connection);
    await ensureSourceState(connection);
    driver = await connectSource(url, options.timezone);
    const preset = sourcePreset(source);
    const { columns } = await driver.query(probeQuery(driver, source));
    const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
    if (duplicate) throw new Error(`the ${source.table ? "table" : "query"} returns two columns named ${duplicate}: alias one of them`);
    const key = keyColumns(source, columns);
    const order = [source.watermark, ...key];
    const missing = order.filter((c) => !columns.includes(c));
    if (missing.length) throw new Error(`${source.table ?? "the query"} has no column ${missing.join(", ")} (it has ${columns.join(", ")})`);
    result.order = order;

    const definition = JSON.stringify({ table: source.table, query: source.query, order });
    if (options.reset) await resetSourceState(connection, source.name);
    const state = await readSourceState(connection, source.name);
    if (state && state.definition !== definition) {
      throw new Error(`its table or query, watermark or key changed since the last load on ${state.updatedAt}; run \`opsbook load-db ${source.name} --reset\` to read it again from the start (loaded rows are de-duplicated)`);
    }
    let position = state?.position;
    result.position = position;
    let totals = { loaded: state?.rowsLoaded ?? 0, rejected: state?.rowsRejected ?? 0 };
    const limit = options.batchSize ?? source.batch_size ?? defaultBatchSize;
    const name = sourceLabel(source);
    const indexes = order.map((c) => columns.indexOf(c));

    for (;;) {
      const query = batchQuery(driver, source, order, position, limit);
      const batch = await driver.query(query.sql, query.params);
      if (batch.rows.length === 0) break;
      const last = batch.rows[batch.rows.length - 1];
      const next = indexes.map((i) => last[i]);
      if (next.some((v) => v === null)) throw new Error(`a row with ${source.watermark} = ${next[0]} has no ${key.join(", ")}: key columns must never be NULL`);
      const staged = await stageRows(connection, batch.columns, batch.rows);
      const hash = createHash("sha256").update(name).update(JSON.stringify(batch.rows)).digest("hex");
      const counts = await loadStaged(connection, {
        name, hash, preset, staged, keyHeaders: key.length ? key : [source.watermark],
        beforeCommit: (c) => writeSourceState(connection, { source: source.name, definition, position: next as string[], rowsLoaded: totals.loaded + c.rowsLoaded, rowsRejected: totals.rejected + c.rowsRejected })
      }).catch((error: Error) => {
        throw new Error(`batch ${result.batches + 1} (${batch.rows.length} rows after ${describePosition(order, position)}) not loaded; it and the watermark are unchanged: ${error.message.replace(`${name}: not loaded, warehouse unchanged: `, "")}`);
      });
      totals = { loaded: totals.loaded + counts.rowsLoaded, rejected: totals.rejected + counts.rowsRejected };
      position = next as string[];
      result.batches++;
      result.rowsLoaded += counts.rowsLoaded;
      result.rowsRejected += counts.rowsRejected;
      result.position = position;
      result.status = "loaded";
      options.onBatch?.({ ...result });
      if (batch.rows.length < limit) break;
    }
    return result;
  } catch (error) {
    const message = (error as Error).message || String(error);
    const kept = result.batches ? ` (the ${result.batches} batch${result.batches === 1 ? "" : "es"} before it, ${result.rowsLoaded.toLocaleString()} rows, stay loaded)` : "";
    return { ...result, status: "failed", message: `source ${source.name}: ${url ? scrubSecret(message, url) : message}${kept}` };
  } finally {
    await driver?.close();
  }
}

/** The declared key, else the source column mapped onto the target table's natural key. */
function keyColumns(source: SourceDefinition, columns: string[]): string[] {
  if (source.key !== undefined) return Array.isArray(source.key) ? source.key : [source.key];
  const preset = sourcePreset(source);
  const key = tables[source.target].key.map((k) => preset.columns[k]?.from.find((f) => columns.includes(f)));
  if (key.some((k) => k === undefined) || tables[source.target].key.includes("properties")) {
    throw new Error(`declare "key": the column(s) that identify a row of ${source.table ?? "the query"} (e.g. "id"), to order rows that share a ${source.watermark}`);
  }
  return key as string[];
}

export function describePosition(order: string[], position: string[] | undefined): string {
  if (!position) return "the start";
  return order.map((c, i) => `${c} = ${position[i]}`).join(", ");
}
