import type { MetricQuery } from "../warehouse/query-rows.ts";
import { eventNames, sqlList } from "./event-names.ts";

/** Non-overlapping periods: how to list them, and how to tell which one a timestamp falls in. */
export interface PeriodSet {
  /** A select of period (the key assign gives), label (the name shown), start, "end" (dates, half-open). */
  sql: string;
  /** SQL giving the period key of a TIMESTAMPTZ column, or null outside every period. */
  assign(column: string): string;
  /** SQL giving the local date of a TIMESTAMPTZ column. */
  day(column: string): string;
  /** SQL true when a TIMESTAMPTZ column is inside some period: lets the scan skip the gaps between them. */
  within(column: string): string;
  /** A select of period, wau, mau: distinct active users in the 7 and 30 days before each period's end. */
  windows(): string;
  /** First and last (exclusive) local day of all periods together. */
  first: string;
  last: string;
  params?: MetricQuery["params"];
}

/** Each user's first time seen (registration or first event, whichever is earlier): whom a period counts as new. */
export const firstSeenSql = `select user_id, min(first_ts) as first_ts from (
          select user_id, first_seen as first_ts from users where first_seen is not null
          union all select user_id, min(ts) from events group by user_id
        ) group by user_id`;

/**
 * Every KPI of kpiCatalog for each period. Each period is computed on its own, so distinct users
 * are never summed across days and rates are Σnumerator ÷ Σdenominator. Shared by the KPI report
 * and the KPI series. Events are assigned to periods by an expression rather than a range join:
 * the same plan a hand-written query gets. `firsts` names a table holding firstSeenSql's rows, which
 * a build computes once for all its KPI queries (each otherwise reads every event for them).
 */
export function periodKpis(periods: PeriodSet, { firsts }: { firsts?: string } = {}): MetricQuery {
  const pageView = sqlList(eventNames.pageView);
  return {
    sql: `with periods as (${periods.sql}),
      ev as (
        select * from (
          select ${periods.assign("ts")} as period, user_id, event, ts, session_id
          from events where ts >= $kpiFirst::date::timestamptz and ts < $kpiLast::date::timestamptz and (${periods.within("ts")})
        ) where period is not null
      ),
      traffic as (
        select period, count(distinct user_id) filter (where event in ${pageView}) as uv,
          count(*) filter (where event in ${pageView}) as pv, count(distinct user_id) as active
        from ev group by period
      ),
      daily as (
        select period, sum(n) as user_days from (select period, ${periods.day("ts")} as day, count(distinct user_id) as n from ev group by period, day) group by period
      ),
      windows as (${periods.windows()}),
      -- Exports without a session id are cut into visits by 30 minutes of inactivity (百度统计's rule).
      gaps as (
        select period, user_id, ts,
          case when lag(ts) over (partition by period, user_id order by ts) > ts - interval 30 minute then 0 else 1 end as starts
        from ev where session_id is null
      ),
      visits as (
        select period, count(*) as n, min(ts) as first_ts, max(ts) as last_ts from ev where session_id is not null group by period, session_id
        union all
        select period, count(*), min(ts), max(ts) from (
          select period, user_id, ts, sum(starts) over (partition by period, user_id order by ts rows unbounded preceding) as visit from gaps
        ) group by period, user_id, visit
      ),
      sessions as (
        select period, count(*) as sessions, count(*) filter (where n = 1) as bounces,
          sum(epoch(last_ts) - epoch(first_ts)) as seconds
        from visits group by period
      ),
      firsts as (${firsts ? `select * from ${firsts}` : firstSeenSql}),
      newcomers as (
        select period, count(*) as new_users from (select ${periods.assign("first_ts")} as period from firsts) where period is not null group by period
      ),
      buyers as (
        -- GMV 口径: paid orders placed in the period; refunded, cancelled and pending orders are out.
        select * from (
          select ${periods.assign("ts")} as period, user_id, count(*) as orders, sum(amount) as amount
          from orders where status = 'paid' and ts >= $kpiFirst::date::timestamptz and ts < $kpiLast::date::timestamptz and (${periods.within("ts")}) group by all
        ) where period is not null
      ),
      sales as (
        select period, sum(orders) as orders, count(*) as payers, sum(amount)::double as gmv, count(*) filter (where orders >= 2) as repeat_buyers
        from buyers group by period
      )
      select p.label as period, p.start, p."end", (p."end" - p.start) as days,
        coalesce(t.uv, 0) as uv, coalesce(t.pv, 0) as pv, coalesce(n.new_users, 0) as new_users,
        coalesce(d.user_days, 0) / (p."end" - p.start) as dau, coalesce(w.wau, 0) as wau, coalesce(w.mau, 0) as mau,
        (coalesce(d.user_days, 0) / (p."end" - p.start)) / nullif(w.mau, 0) as stickiness,
        coalesce(s.sessions, 0) as sessions, s.bounces / nullif(s.sessions, 0) as bounce_rate, s.seconds / nullif(s.sessions, 0) as avg_session_seconds,
        coalesce(o.payers, 0) / nullif(t.uv, 0) as conversion_rate,
        coalesce(o.orders, 0) as orders, coalesce(o.payers, 0) as payers, coalesce(o.gmv, 0) as gmv,
        o.gmv / nullif(o.payers, 0) as aov, coalesce(o.gmv, 0) / nullif(t.active, 0) as arpu, o.gmv / nullif(o.payers, 0) as arppu,
        o.repeat_buyers / nullif(o.payers, 0) as repurchase_rate
      from periods p
        left join traffic t using (period) left join daily d using (period) left join windows w using (period)
        left join sessions s using (period) left join newcomers n using (period) left join sales o using (period)
      order by p.start`,
    params: { ...periods.params, kpiFirst: periods.first, kpiLast: periods.last }
  };
}
