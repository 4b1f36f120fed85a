import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../warehouse/query-rows.ts";

/**
 * First and last local day with events or orders. Reports default "as of" to the last; a
 * comparison period that starts before the first has no data rather than zero.
 */
export async function dataSpan(connection: DuckDBConnection): Promise<{ first: string | null; last: string | null }> {
  const [row] = await queryRows(connection, {
    sql: `select min(first_day) as first, max(last_day) as last from (
      select min(ts)::date as first_day, max(ts)::date as last_day from events
      union all select min(ts)::date, max(ts)::date from orders)`
  });
  return { first: (row?.first as string | null) ?? null, last: (row?.last as string | null) ?? null };
}
