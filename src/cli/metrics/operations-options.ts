import type { DuckDBConnection } from "@duckdb/node-api";
import { dataRange } from "../../metrics/data-range.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { UsageError } from "../command.ts";

/** A YYYY-MM-DD flag, checked before any work is done. */
export function dateOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}

/** The given date, else the last local day with events: "as of now" for the data at hand. */
export async function asOfOrLastDay(connection: DuckDBConnection, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  const last = (await queryRows(connection, dataRange()))[0]?.last_day as string | null;
  if (!last) throw new Error("the warehouse has no events yet: run `opsbook ingest` first, or pass --as-of");
  return last;
}
