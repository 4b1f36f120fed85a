import type { MetricQuery } from "../warehouse/query-rows.ts";
import { eventNames, sqlList } from "./event-names.ts";
import { previousPeriod, type Period } from "./period.ts";

/**
 * Headline KPIs of a period and of the period before it, computed per period (distinct users are
 * never summed across days). GMV counts paid orders placed in the period; refunds are excluded.
 * Conversion rate = paying users ÷ UV.
 */
export function weeklyKpis(period: Period): MetricQuery {
  const previous = previousPeriod(period);
  return {
    // Bounds are cast to instants here, not in the join: DuckDB 1.5 compares
    // \`ts >= p.start::timestamptz\` inside a join on UTC days, shifting local midnight by 8 hours.
    sql: `with periods as (
        select 'current' as period, $start::date as start, $end::date as "end", $start::date::timestamptz as t0, $end::date::timestamptz as t1
        union all select 'previous', $prevStart::date, $start::date, $prevStart::date::timestamptz, $start::date::timestamptz
      ),
      visits as (
        select p.period, count(distinct e.user_id) as uv
        from periods p join events e on e.ts >= p.t0 and e.ts < p.t1
        where e.event in ${sqlList(eventNames.pageView)}
        group by p.period
      ),
      paid as (
        select p.period, count(*) as orders, count(distinct o.user_id) as payers, sum(o.amount)::double as gmv
        from periods p join orders o on o.ts >= p.t0 and o.ts < p.t1
        where o.status = 'paid'
        group by p.period
      )
      select p.period, p.start, p."end",
        coalesce(v.uv, 0) as uv, coalesce(o.orders, 0) as orders, coalesce(o.payers, 0) as payers,
        coalesce(o.gmv, 0) as gmv, o.payers / nullif(v.uv, 0) as conversion_rate
      from periods p left join visits v using (period) left join paid o using (period)
      order by p.start desc`,
    params: { start: period.start, end: period.end, prevStart: previous.start }
  };
}
