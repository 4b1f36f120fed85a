import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { DefinitionError, parseEventFilter, resolveInstant, defaultTimezone, type EventFilter } from "./definitions.ts";
import { filterSql, Params } from "./event-filter.ts";

export interface PathsOptions {
  /** The anchor: an event name or a filter such as {"event": "加入购物车", "where": {"platform": "ios"}}. */
  event: string | EventFilter | Record<string, unknown>;
  direction: "after" | "before";
  /** How many next (or previous) events to list; default 10. */
  top?: number;
  from?: string;
  to?: string;
  timezone?: string;
}

export interface PathRow {
  /** The user's next (after) or previous (before) event; "(none)" when the anchor was their last (first). */
  event: string;
  /** Anchor occurrences followed by this event. */
  count: number;
  users: number;
  /** count ÷ all anchor occurrences. */
  share: number;
}

/** Where users go right after (or came from right before) an event: the top N neighbouring events. */
export function paths({ event, direction, top = 10, from, to, timezone = defaultTimezone }: PathsOptions): MetricQuery {
  if (direction !== "after" && direction !== "before") throw new DefinitionError("direction", `expected "after" or "before", got ${JSON.stringify(direction)}`);
  if (!Number.isInteger(top) || top < 1) throw new DefinitionError("top", `expected a positive whole number, got ${top}`);
  const anchor = typeof event === "object" && "where" in event && "name" in event ? (event as EventFilter) : parseEventFilter(event, "event");
  const params = new Params();
  const range = [from ? `e.ts >= ${params.bind(resolveInstant(from, "from", timezone), "from")}::timestamptz` : "", to ? `e.ts < ${params.bind(resolveInstant(to, "to", timezone), "to")}::timestamptz` : ""].filter(Boolean);
  const neighbour = direction === "after" ? "lead" : "lag";
  return {
    sql: `with seq as (
      select e.*, ${neighbour}(e.event) over (partition by e.user_id order by e.ts, e.event) as neighbour
      from events e ${range.length ? `where ${range.join(" and ")}` : ""}
    )
    select coalesce(neighbour, '(none)') as event, count(*) as count, count(distinct user_id) as users,
      count(*) / sum(count(*)) over () as share
    from seq e where ${filterSql(anchor, params)}
    group by 1 order by count desc, event limit ${params.bind(top, "top")}::bigint`,
    params: params.values
  };
}

export async function computePaths(connection: DuckDBConnection, options: PathsOptions): Promise<{ paths: PathRow[] }> {
  const rows = await queryRows(connection, paths(options));
  return { paths: rows as unknown as PathRow[] };
}
