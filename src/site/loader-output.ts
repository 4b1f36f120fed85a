import type { DuckDBConnection } from "@duckdb/node-api";
import type { OpsbookConfig } from "../config.ts";
import { withWarehouse } from "../warehouse/with-warehouse.ts";
import { loaderParam } from "./loader-params.ts";
import type { ReportSource } from "./report-source-types.ts";

export interface OutputContext {
  connection: DuckDBConnection;
  config: OpsbookConfig;
  /** Queries that reports share across one build; a loader process asks DuckDB directly. */
  source?: ReportSource;
}

/**
 * What one data loader prints, as a function of the warehouse and its route params. The loader
 * script runs it in its own process (`opsbook dev`, Framework); `opsbook build` runs every stale one
 * over a single connection before Framework starts, so both produce the same bytes.
 */
export type LoaderOutput = (context: OutputContext, params: Record<string, string>) => Promise<string | Uint8Array>;

/** The body of a data loader script: read its route params, open the warehouse, print the output. */
export async function printLoaderOutput(output: LoaderOutput, paramNames: string[] = []): Promise<void> {
  const params = Object.fromEntries(paramNames.map((name) => [name, loaderParam(name)]));
  const bytes = await withWarehouse(({ connection }, config) => output({ connection, config }, params));
  process.stdout.write(bytes);
}
