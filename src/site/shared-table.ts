import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { ReportSource } from "./report-source-types.ts";

/**
 * A temporary table of `query`'s rows, made once per source (`once`) for every query of a build that
 * would otherwise compute the same rows from all events again. The build's connection is read-only;
 * its temp schema is not.
 */
export function sharedTable(connection: DuckDBConnection, once: ReportSource["once"], name: string, query: MetricQuery): Promise<string> {
  return once(`table:${name}:${query.sql}:${JSON.stringify(query.params ?? {})}`, async () => {
    await connection.run(`create or replace temp table ${name} as ${query.sql}`, query.params as Record<string, DuckDBValue> | undefined);
    return name;
  });
}
