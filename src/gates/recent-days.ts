import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import { timeColumns } from "../build/fingerprint.ts";
import { quoteIdent, quoteLiteral } from "../ingest/parse-sql.ts";
import { queryRows } from "../warehouse/query-rows.ts";

/** events and orders carry instants; the other day-keyed tables carry local dates. */
const instantTables = new Set(["events", "orders"]);

export interface RecentDays {
  /** The newest local day with rows ("YYYY-MM-DD"). */
  day: string;
  /**
   * A WHERE condition keeping the rows of that day and the `trailingDays` local days before it.
   * Volume and schema drift look at nothing older; a literal bound on the stored column (not a
   * cast of every row to a local date, nor a parameter) lets DuckDB skip older row groups by their
   * min/max, so the gates read about a week of rows instead of the whole table (10M events: ≈ 4 s
   * of CPU → milliseconds).
   */
  where: string;
}

/** The newest local day of a day-keyed table and the rows of the days before it; null when empty. */
export async function recentDays(connection: DuckDBConnection, table: string, trailingDays: number): Promise<RecentDays | null> {
  const time = quoteIdent(timeColumns[table]);
  const [row] = await queryRows(connection, { sql: `select max(${time})::date::varchar as day from ${quoteIdent(table)}` });
  const day = row?.day as string | null | undefined;
  if (!day) return null;
  // A local date cast to timestamptz is that day's midnight in the session time zone.
  const from = `${quoteLiteral(addDays(day, -trailingDays))}::${instantTables.has(table) ? "timestamptz" : "date"}`;
  return { day, where: `${time} >= ${from}` };
}
