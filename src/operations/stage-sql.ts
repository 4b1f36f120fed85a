import { Params } from "../metrics/event-filter.ts";
import { localDateSql, localTime } from "../metrics/calendar-index.ts";
import type { StageThresholds } from "./operations-config.ts";

/**
 * The lifecycle stage of every known user at each date of a CTE `as_of_dates(as_of date)` that the
 * caller defines first. Shared by the stage counts, the weekly flows and the at-risk list, so the
 * three can never disagree about who is silent.
 *
 * Activity = any event, any order placed, or the registration itself, cut into local days (the
 * session time zone, which `timezone` names when the caller knows it: a fixed-offset zone such as
 * Shanghai then cuts the events' days by arithmetic instead of ICU, a third of the CPU). Idle days = as-of day − last active day; only activity up to the as-of day
 * counts, so a past date shows the stages as they were then.
 *
 * Defines `user_stages(as_of, user_id, first_active, last_active, idle_days, paid_orders, paid_amount, stage)`
 * with stage one of new | active | silent | churned, or new | growth | mature | silent | churned
 * for the lifecycle naming. `runs` names a table holding `activityRuns` already (a build computes
 * them once for all its stage queries); without it they are CTEs of the query.
 */
export function stageCtes(stages: StageThresholds, timezone?: string, runs?: string): { sql: string; params: Record<string, string | number | boolean | null> } {
  const own = runs ? undefined : activityRunsCtes(timezone);
  return {
    sql: `${own ? own.sql : `activity_runs as (select * from ${runs})`},
      activity_span as (
        select d.as_of, a.user_id, a.first_active, a.day as last_active
        from as_of_dates d join activity_runs a on a.day <= d.as_of and d.as_of < coalesce(a.next_day, date '9999-12-31')
      ),
      paid_to_date as (
        select d.as_of, o.user_id, count(*) as paid_orders, sum(o.amount)::double as paid_amount
        from as_of_dates d join orders o on o.ts::date <= d.as_of and o.status = 'paid'
        group by d.as_of, o.user_id
      ),
      user_stages as (
        select s.as_of, s.user_id, s.first_active, s.last_active,
          date_diff('day', s.last_active, s.as_of) as idle_days,
          coalesce(p.paid_orders, 0) as paid_orders, coalesce(p.paid_amount, 0) as paid_amount,
          case
            when date_diff('day', s.first_active, s.as_of) < $stage_new_days then 'new'
            when date_diff('day', s.last_active, s.as_of) >= $stage_churn_after then 'churned'
            when date_diff('day', s.last_active, s.as_of) >= $stage_silent_after then 'silent'
            when not $stage_lifecycle then 'active'
            when coalesce(p.paid_orders, 0) >= $stage_mature_orders then 'mature'
            else 'growth'
          end as stage
        from activity_span s left join paid_to_date p using (as_of, user_id)
      )`,
    params: {
      ...own?.params,
      stage_new_days: stages.newDays,
      stage_silent_after: stages.silentAfter,
      stage_churn_after: stages.churnAfter,
      stage_mature_orders: stages.matureOrders,
      stage_lifecycle: stages.naming === "lifecycle"
    }
  };
}

/**
 * `activity_runs(user_id, day, next_day, first_active)`: every local day a user was active, with
 * their next active day and their first. Independent of the as-of dates (each stage query joins
 * its own), so one computation serves every stage query of a build.
 */
function activityRunsCtes(timezone?: string): { sql: string; params: Record<string, string | number | boolean | null> } {
  const zoneParams = new Params();
  const eventDay = localDateSql("ts", timezone ? localTime(zoneParams, timezone) : undefined);
  return {
    sql: `activity as (
        select user_id, ${eventDay} as day from events
        union select user_id, ts::date from orders
        union select user_id, first_seen::date from users where first_seen is not null
      ),
      -- Each active day is a user's last active day for every as-of day from it until their next
      -- active day: one range join of the few as-of days to those spans, instead of joining every
      -- active day to every later as-of day and aggregating.
      activity_runs as (
        select user_id, day, lead(day) over (partition by user_id order by day) as next_day,
          min(day) over (partition by user_id) as first_active
        from activity
      )`,
    params: zoneParams.values
  };
}

/** A select of activity_runs on its own, for a build to keep in a temporary table (see stageCtes). */
export function activityRuns(timezone?: string): { sql: string; params: Record<string, string | number | boolean | null> } {
  const ctes = activityRunsCtes(timezone);
  return { sql: `with ${ctes.sql} select * from activity_runs`, params: ctes.params };
}
