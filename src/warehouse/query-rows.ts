import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { DuckDBTypeId } from "@duckdb/node-api";

/** A query and its bound values: metrics build these, the CLI and the page loaders run them. */
export interface MetricQuery {
  sql: string;
  params?: Record<string, string | number | boolean | null>;
}

export type Row = Record<string, string | number | boolean | null | unknown[]>;

/**
 * Rows as plain JSON-ready objects: integers as numbers, dates as "YYYY-MM-DD",
 * timestamps as ISO 8601 in UTC. Pages and JSON output never see bigint or Date.
 */
export async function queryRows(connection: DuckDBConnection, { sql, params }: MetricQuery): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params as Record<string, DuckDBValue> | undefined);
  const types = reader.columnTypes().map((t) => t.typeId);
  const names = reader.columnNames();
  return reader.getRowsJS().map((values) => {
    const row: Row = {};
    values.forEach((value, i) => (row[names[i]] = plain(value, types[i])));
    return row;
  });
}

function plain(value: unknown, typeId: DuckDBTypeId): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return typeId === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) return value.map((v) => plain(v, DuckDBTypeId.VARCHAR));
  return value as Row[string];
}
