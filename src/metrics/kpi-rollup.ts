import type { MetricQuery } from "../warehouse/query-rows.ts";
import { eventNames, sqlList } from "./event-names.ts";

/**
 * The per-day rollups of events every traffic and session KPI of periodKpis is computed from. A
 * period is a union of whole local days, so each of its KPIs follows exactly from these rows:
 * - userDays (day, user_id, pvs): distinct users, page views, user-days, and the WAU/MAU islands;
 * - sessionDays (day, session_id, n, first_ts, last_ts): a period's session is the sum of its days';
 * - visitDays (day, user_id, n, first_ts, last_ts): events without a session cut into visits by 30
 *   minutes of inactivity (百度统计's rule) within the day; a period merges a user's day-visits
 *   less than 30 minutes apart (visits of one day already are ≥ 30 minutes apart, so only those
 *   across midnight inside the period merge).
 * A build computes them once over all events (temp tables); otherwise they are CTEs over the scan.
 */
export interface KpiRollup {
  userDays: string;
  sessionDays: string;
  visitDays: string;
}

/** The rollups' selects over events: `day` gives a TIMESTAMPTZ column's local date, `where` which events to read. */
export function kpiRollupSql(day: (column: string) => string, where = "true"): KpiRollup {
  const pageView = sqlList(eventNames.pageView);
  return {
    userDays: `select ${day("ts")} as day, user_id, count(*) filter (where event in ${pageView}) as pvs from events where ${where} group by all`,
    sessionDays: `select ${day("ts")} as day, session_id, count(*) as n, min(ts) as first_ts, max(ts) as last_ts
      from events where session_id is not null and (${where}) group by all`,
    visitDays: `select day, user_id, count(*) as n, min(ts) as first_ts, max(ts) as last_ts from (
        select day, user_id, ts, sum(starts) over (partition by day, user_id order by ts rows unbounded preceding) as visit from (
          select day, user_id, ts, case when lag(ts) over (partition by day, user_id order by ts) > ts - interval 30 minute then 0 else 1 end as starts
          from (select ${day("ts")} as day, user_id, ts from events where session_id is null and (${where}))
        )
      ) group by day, user_id, visit`
  };
}

/** The rollups as queries a build stores once (temporary tables named by sharedTable). */
export function kpiRollupQueries(day: (column: string) => string, params?: MetricQuery["params"]): Record<keyof KpiRollup, MetricQuery> {
  const sql = kpiRollupSql(day);
  return { userDays: { sql: sql.userDays, params }, sessionDays: { sql: sql.sessionDays, params }, visitDays: { sql: sql.visitDays, params } };
}
