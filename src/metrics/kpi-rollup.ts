import type { MetricQuery } from "../warehouse/query-rows.ts";
import { eventNames, sqlList } from "./event-names.ts";

/**
 * The per-day rollups of events every traffic and session KPI of periodKpis is computed from. A
 * period is a union of whole local days, so each of its KPIs follows exactly from these rows:
 * - userDays (day, user_id, pvs): distinct users, page views, user-days;
 * - steps (end_day, wau, mau): the WAU/MAU islands of userDays (activeSteps), whose running sum up to a
 *   period's end is its WAU and MAU;
 * - sessionParts: sessions (by session id) and visits (events without one, cut by 30 minutes of
 *   inactivity, 百度统计's rule) of one day. Most lie within their day: those are summed per day
 *   (day, sessions, bounces, seconds). A session seen on several days is kept per (day, session_id)
 *   and a period sums its days' parts; a visit less than 30 minutes from a visit of the same user
 *   on the day before or after (across midnight: visits of one day are ≥ 30 minutes apart) is kept
 *   per (day, user_id) and a period merges them by the same 30-minute rule.
 * A build computes them once over all events (temp tables); otherwise they are CTEs over the scan.
 */
export interface KpiRollup {
  userDays: string;
  steps: string;
  sessionParts: string;
}

/** userDays and sessionParts over events: `day` gives a TIMESTAMPTZ column's local date, `where` which events to read. */
export function kpiRollupSql(day: (column: string) => string, where = "true"): { userDays: string; sessionParts: string } {
  const pageView = sqlList(eventNames.pageView);
  return {
    userDays: `select ${day("ts")} as day, user_id, count(*) filter (where event in ${pageView}) as pvs from events where ${where} group by all`,
    // Whole sessions first: the local day is then computed per session, not per event, and only
    // the few seen on several days are read again per day.
    sessionParts: `with whole as materialized (
        select session_id, count(*) as n, min(ts) as first_ts, max(ts) as last_ts, ${day("min(ts)")} as first_day, ${day("max(ts)")} as last_day
        from events where session_id is not null and (${where}) group by session_id
      ),
      session_days as (
        select first_day as day, session_id, n, first_ts, last_ts, false as split from whole where first_day = last_day
        union all
        select ${day("ts")}, session_id, count(*), min(ts), max(ts), true from events
        where session_id in (select session_id from whole where first_day <> last_day) and (${where}) group by all
      ),
      visit_days as (
        select *, coalesce(lag(last_ts) over w > first_ts - interval 30 minute or lead(first_ts) over w < last_ts + interval 30 minute, false) as split
        from (
          select day, user_id, count(*) as n, min(ts) as first_ts, max(ts) as last_ts from (
            select day, user_id, ts, sum(starts) over (partition by day, user_id order by ts rows unbounded preceding) as visit from (
              select day, user_id, ts, case when lag(ts) over (partition by day, user_id order by ts) > ts - interval 30 minute then 0 else 1 end as starts
              from (select ${day("ts")} as day, user_id, ts from events where session_id is null and (${where}))
            )
          ) group by day, user_id, visit
        )
        window w as (partition by user_id order by first_ts)
      )
      select day, null::varchar as session_id, null::varchar as user_id, null::bigint as n, null::timestamptz as first_ts, null::timestamptz as last_ts,
        count(*) as sessions, count(*) filter (where n = 1) as bounces, sum(epoch(last_ts) - epoch(first_ts)) as seconds
      from (select day, n, first_ts, last_ts from session_days where not split union all select day, n, first_ts, last_ts from visit_days where not split)
      group by day
      union all select day, session_id, null, n, first_ts, last_ts, null, null, null from session_days where split
      union all select day, null, user_id, n, first_ts, last_ts, null, null, null from visit_days where split`
  };
}

/**
 * WAU and MAU of every possible period end at once, as steps (end_day, wau, mau) whose running sum up to
 * a day E is the number of distinct users active in the 7 (30) days before E. An active day d lies
 * in the window of every end in (d, d + 7]; a user's ends are the union of those intervals, which
 * merge when two active days are at most 7 apart. So each user adds +1 where an island of days
 * begins and −1 after it: one sort of the user-days instead of joining every day to every window.
 * Exact at every E whose 30 days before are all in `userDays` (rows day, user_id, distinct).
 */
export function activeSteps(userDays: string): string {
  return `with neighbours as (
        select day, day - lag(day) over w as since, lead(day) over w - day as until
        from ${userDays} window w as (partition by user_id order by day)
      ),
      deltas as (
        select day + 1 as end_day, count(*) filter (where since is null or since > 7) as wau, count(*) filter (where since is null or since > 30) as mau from neighbours group by all
        union all select day + 8, -count(*) filter (where until is null or until > 7), 0 from neighbours group by all
        union all select day + 31, 0, -count(*) filter (where until is null or until > 30) from neighbours group by all
      )
      select end_day, sum(wau)::bigint as wau, sum(mau)::bigint as mau from deltas group by end_day`;
}

/** The rollups as queries a build stores once, as temporary tables named `names` (steps reads names.userDays). */
export function kpiRollupQueries(day: (column: string) => string, params: MetricQuery["params"], names: KpiRollup): Record<keyof KpiRollup, MetricQuery> {
  const sql = kpiRollupSql(day);
  return { userDays: { sql: sql.userDays, params }, steps: { sql: activeSteps(names.userDays) }, sessionParts: { sql: sql.sessionParts, params } };
}
