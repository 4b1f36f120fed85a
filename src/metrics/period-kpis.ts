import type { MetricQuery } from "../warehouse/query-rows.ts";
import { activeSteps, kpiRollupSql, type KpiRollup } from "./kpi-rollup.ts";

/** Non-overlapping periods: how to list them, and how to tell which one a timestamp falls in. */
export interface PeriodSet {
  /** A select of period (the key assign gives), label (the name shown), start, "end" (dates, half-open). */
  sql: string;
  /** SQL giving the period key of a TIMESTAMPTZ column, or null outside every period. */
  assign(column: string): string;
  /** SQL giving the local date of a TIMESTAMPTZ column. */
  day(column: string): string;
  /** SQL giving the period key of a local DATE column, or null outside every period. */
  assignDay(column: string): string;
  /** SQL true when a TIMESTAMPTZ column is inside some period: lets the scan skip the gaps between them. */
  within(column: string): string;
  /** As within, or in the 30 days before some period's end (the look-back of WAU and MAU). */
  reach(column: string): string;
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
 * the same plan a hand-written query gets. Traffic and sessions come from the per-day rollups of
 * kpiRollupSql: CTEs over the periods' events, or, given `rollup`, tables of them over all events
 * that a build computes once for all its KPI queries (each series otherwise reads every event
 * again). `firsts` likewise names a table holding firstSeenSql's rows.
 */
export function periodKpis(periods: PeriodSet, { firsts, rollup }: { firsts?: string; rollup?: KpiRollup } = {}): MetricQuery {
  // WAU and MAU look back 30 days from each period's end, so user-days reach before the first period.
  const reached = `ts >= ($kpiFirst::date - 30)::timestamptz and ts < $kpiLast::date::timestamptz and (${periods.reach("ts")})`;
  const scanned = `ts >= $kpiFirst::date::timestamptz and ts < $kpiLast::date::timestamptz and (${periods.within("ts")})`;
  const inPeriods = (rows: string) => `select * from (select ${periods.assignDay("day")} as period, * from ${rows}) where period is not null`;
  return {
    sql: `with periods as (${periods.sql}),
      all_user_days as (${rollup ? `select day, user_id, pvs from ${rollup.userDays} where day >= $kpiFirst::date - 30 and day < $kpiLast::date` : kpiRollupSql(periods.day, reached).userDays}),
      steps as (${rollup ? `select * from ${rollup.steps}` : activeSteps("all_user_days")}),
      session_parts as (${rollup ? `select * from ${rollup.sessionParts} where day >= $kpiFirst::date and day < $kpiLast::date` : kpiRollupSql(periods.day, scanned).sessionParts}),
      traffic as (
        select period, count(*) filter (where pvs > 0) as uv, sum(pvs)::bigint as pv, count(*) as active, sum(days) as user_days from (
          select period, user_id, sum(pvs) as pvs, count(*) as days from (${inPeriods("all_user_days")}) group by period, user_id
        ) group by period
      ),
      windows as (
        select p.period, sum(s.wau)::bigint as wau, sum(s.mau)::bigint as mau from periods p join steps s on s.end_day <= p."end" group by p.period
      ),
      parts as (${inPeriods("session_parts")}),
      -- A session seen on several days of the period is one; so are visits less than 30 minutes apart across midnight.
      joined as (
        select period, sum(n) as n, min(first_ts) as first_ts, max(last_ts) as last_ts from parts where session_id is not null group by period, session_id
        union all
        select period, sum(n), min(first_ts), max(last_ts) from (
          select *, sum(starts) over (partition by period, user_id order by first_ts rows unbounded preceding) as visit from (
            select *, case when lag(last_ts) over (partition by period, user_id order by first_ts) > first_ts - interval 30 minute then 0 else 1 end as starts
            from parts where user_id is not null
          )
        ) group by period, user_id, visit
      ),
      sessions as (
        select period, sum(sessions)::bigint as sessions, sum(bounces)::bigint as bounces, sum(seconds) as seconds from (
          select period, sessions, bounces, seconds from parts where sessions is not null
          union all
          select period, count(*), count(*) filter (where n = 1), sum(epoch(last_ts) - epoch(first_ts)) from joined group by period
        ) group by period
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
        coalesce(t.user_days, 0) / (p."end" - p.start) as dau, coalesce(w.wau, 0) as wau, coalesce(w.mau, 0) as mau,
        (coalesce(t.user_days, 0) / (p."end" - p.start)) / nullif(w.mau, 0) as stickiness,
        coalesce(s.sessions, 0) as sessions, s.bounces / nullif(s.sessions, 0) as bounce_rate, s.seconds / nullif(s.sessions, 0) as avg_session_seconds,
        coalesce(o.payers, 0) / nullif(t.uv, 0) as conversion_rate,
        coalesce(o.orders, 0) as orders, coalesce(o.payers, 0) as payers, coalesce(o.gmv, 0) as gmv,
        o.gmv / nullif(o.payers, 0) as aov, coalesce(o.gmv, 0) / nullif(t.active, 0) as arpu, o.gmv / nullif(o.payers, 0) as arppu,
        o.repeat_buyers / nullif(o.payers, 0) as repurchase_rate
      from periods p
        left join traffic t using (period) left join windows w using (period)
        left join sessions s using (period) left join newcomers n using (period) left join sales o using (period)
      order by p.start`,
    params: { ...periods.params, kpiFirst: periods.first, kpiLast: periods.last }
  };
}
