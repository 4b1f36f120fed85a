import type { DuckDBConnection } from "@duckdb/node-api";
import type { Row } from "../warehouse/query-rows.ts";
import { optionalMetric } from "./optional-module.ts";

/**
 * Rows from a metric module whose result shape the site does not draw specially (channels,
 * content, experiments): the named compute function, or null while the module does not exist.
 * An object holding one list is taken as that list.
 */
export async function computeRows(module: string, fn: string, connection: DuckDBConnection, ...args: unknown[]): Promise<Row[] | null> {
  const mod = await optionalMetric<Record<string, unknown>>(module);
  const compute = mod?.[fn];
  if (typeof compute !== "function") return null;
  return asRows(await (compute as (c: DuckDBConnection, ...a: unknown[]) => Promise<unknown>)(connection, ...args));
}

export function asRows(value: unknown): Row[] {
  if (Array.isArray(value)) return value.filter((r) => r && typeof r === "object" && !Array.isArray(r)).map(flatRow);
  if (value && typeof value === "object") {
    const lists = Object.values(value).filter(Array.isArray);
    if (lists.length) return asRows(lists[0]);
  }
  return [];
}

/** Tables show scalars; nested values become JSON text. */
function flatRow(row: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v == null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : JSON.stringify(v)])) as Row;
}
