import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { lastInstantBefore, localTime, periodIndexSql, periodStartSql } from "./calendar-index.ts";
import type { LifecycleDefinition } from "./definitions.ts";
import { filterSql, Params } from "./event-filter.ts";

export interface LifecyclePeriod {
  start: string;
  new: number;
  returning: number;
  resurrecting: number;
  /** Negative: users lost since the previous period, drawn below the axis. */
  dormant: number;
}

/**
 * Active users per period split by where they came from: new (first-ever matching event in this
 * period), returning (also active the previous period), resurrecting (not the previous period but
 * some earlier one); dormant = active the previous period but not this one. History before `from`
 * still counts, so a user first seen before the range is never "new" in it.
 */
export function lifecycle(def: LifecycleDefinition): MetricQuery {
  const params = new Params();
  const zone = localTime(params, def.timezone);
  const bound = (instant: string, hint: string) => periodIndexSql(def.period, `${params.bind(instant, hint)}::timestamptz`, zone);
  // Without from/to the range is the activity's own: both ends from one pass over act.
  const lo = def.from ? bound(def.from, "from") : "first";
  const hi = def.to ? bound(lastInstantBefore(def.to), "to") : "last";
  const ends = def.from && def.to ? "" : " from (select min(p) as first, max(p) as last from act)";
  return {
    sql: `with act as (select distinct e.user_id, ${periodIndexSql(def.period, "e.ts", zone)} as p from events e where ${filterSql(def.event, params)}),
    marked as (
      select p, lag(p) over w as prev, lead(p) over w as next from act
      window w as (partition by user_id order by p)
    ),
    statuses as (
      select p, case when prev is null then 'new' when prev = p - 1 then 'returning' else 'resurrecting' end as status from marked
      union all
      select p + 1, 'dormant' from marked where next is null or next > p + 1
    ),
    periods as (select unnest(range(${lo}, ${hi} + 1)) as p${ends})
    select ${periodStartSql(def.period, "periods.p")} as start,
      count(*) filter (where status = 'new') as new,
      count(*) filter (where status = 'returning') as returning,
      count(*) filter (where status = 'resurrecting') as resurrecting,
      -count(*) filter (where status = 'dormant') as dormant
    from periods left join statuses using (p)
    group by periods.p order by periods.p`,
    params: params.values
  };
}

export async function computeLifecycle(connection: DuckDBConnection, def: LifecycleDefinition): Promise<{ periods: LifecyclePeriod[] }> {
  const rows = await queryRows(connection, lifecycle(def));
  return { periods: rows.map((r) => ({ start: r.start as string, new: r.new as number, returning: r.returning as number, resurrecting: r.resurrecting as number, dormant: r.dormant === 0 ? 0 : (r.dormant as number) })) };
}
