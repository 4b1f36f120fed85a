import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { lastInstantBefore, localTime, periodIndexSql, periodStartSql } from "./calendar-index.ts";
import type { RetentionDefinition } from "./definitions.ts";
import { filterSql, Params } from "./event-filter.ts";

export interface RetentionCohort {
  /** First day of the cohort's period, local date. */
  start: string;
  size: number;
  /** values[0] = size; values[k] = cohort users returning in period k; null = period not begun yet. */
  values: (number | null)[];
}

export interface RetentionResult {
  cohorts: RetentionCohort[];
}

/**
 * Cohort retention on calendar periods in the definition's time zone. first_time: a user's cohort
 * is the period of their first-ever start event (even if that is before `from`: such users are not
 * new, so they belong to no cohort in range); recurring: every period in which they did the start
 * event. Cell k counts cohort users doing the return event in period cohort + k ("on"), or in
 * period k or later ("on_or_after", 神策's "第N天及以后").
 */
export function retention(def: RetentionDefinition): MetricQuery {
  const params = new Params();
  const zone = localTime(params, def.timezone);
  const idx = periodIndexSql(def.period, "e.ts", zone);
  const n = params.bind(def.periods, "periods");
  const bound = (instant: string | undefined, hint: string) => (instant ? periodIndexSql(def.period, `${params.bind(instant, hint)}::timestamptz`, zone) : undefined);
  const lo = bound(def.from, "from");
  const hi = def.to ? bound(lastInstantBefore(def.to), "to") : undefined;
  // The latest event is read once and named, not repeated in each branch of the period expression.
  const asOf = def.asOf ? `(select ${params.bind(def.asOf, "asOf")}::timestamptz as t)` : "(select max(ts) as t from events)";
  const inRange = [lo ? `c >= ${lo}` : "", hi ? `c <= ${hi}` : ""].filter(Boolean);
  const starts = def.type === "first_time" ? `select e.user_id, min(${idx}) as c from events e where ${filterSql(def.start, params)} group by e.user_id` : `select distinct e.user_id, ${idx} as c from events e where ${filterSql(def.start, params)}`;
  const cells =
    def.mode === "on"
      ? `select c.c, r.r - c.c as k, count(*) as users
         from cohorts c join returns r on r.user_id = c.user_id and r.r between c.c + 1 and c.c + ${n}
         group by all`
      : `select c, k, count(*) filter (where last_k >= k) as users
         from (select c.c, max(r.r - c.c) as last_k from cohorts c join returns r on r.user_id = c.user_id and r.r > c.c group by c.user_id, c.c)
         cross join (select unnest(range(1, ${n} + 1)) as k)
         group by all`;
  return {
    sql: `with cohorts as (select * from (${starts}) ${inRange.length ? `where ${inRange.join(" and ")}` : ""}),
    returns as (select distinct e.user_id, ${idx} as r from events e where ${filterSql(def.return, params)}),
    cells as (${cells}),
    sizes as (select c, count(*) as size from cohorts group by c),
    now as (select ${periodIndexSql(def.period, "t", zone)} as p from ${asOf})
    select ${periodStartSql(def.period, "s.c")} as start, s.size,
      [s.size] || list(case when s.c + k.k > now.p then null else coalesce(cells.users, 0) end order by k.k) as "values"
    from sizes s cross join now cross join (select unnest(range(1, ${n} + 1)) as k) k
    left join cells on cells.c = s.c and cells.k = k.k
    group by s.c, s.size, now.p
    order by s.c`,
    params: params.values
  };
}

export async function computeRetention(connection: DuckDBConnection, def: RetentionDefinition): Promise<RetentionResult> {
  const rows = await queryRows(connection, retention(def));
  return { cohorts: rows.map((r) => ({ start: r.start as string, size: r.size as number, values: r.values as (number | null)[] })) };
}

/**
 * The headline figure (次日留存 = k 1, 7日留存 = k 7 on daily cohorts): returning users ÷ cohort
 * users, pooled over the cohorts whose period k has begun (never an average of cohort rates).
 */
export function retentionRate({ cohorts }: RetentionResult, k: number): number | null {
  const mature = cohorts.filter((c) => c.values[k] !== null && c.values[k] !== undefined);
  const size = mature.reduce((sum, c) => sum + c.size, 0);
  return size === 0 ? null : mature.reduce((sum, c) => sum + (c.values[k] as number), 0) / size;
}
