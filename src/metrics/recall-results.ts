import type { DuckDBConnection } from "@duckdb/node-api";
import { proportionDifference, type ProportionDifference } from "../operations/intervals.ts";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";

/**
 * Users per recall campaign and group, and how many came back: any event or order in the
 * `windowDays` × 24 h after the send. Holdout users were never sent anything, so they are measured
 * from the campaign's first send. `complete` is false while the window is still running.
 */
export function recallResults({ windowDays }: { windowDays: number }): MetricQuery {
  return {
    sql: `with sends as (
        select campaign_id, user_id, variant,
          coalesce(sent_at, min(sent_at) over (partition by campaign_id)) as sent_at
        from recall
      ),
      activity as (select user_id, ts from events union all select user_id, ts from orders),
      back as (
        select distinct s.campaign_id, s.user_id
        from sends s join activity a on a.user_id = s.user_id
          and a.ts > s.sent_at and a.ts <= s.sent_at + to_days(cast($windowDays as integer))
      )
      select s.campaign_id, s.variant, min(s.sent_at) as sent_at, count(*) as users, count(b.user_id) as returned,
        (select max(ts) from activity) >= min(s.sent_at) + to_days(cast($windowDays as integer)) as complete
      from sends s left join back b using (campaign_id, user_id)
      group by s.campaign_id, s.variant
      order by sent_at desc, s.campaign_id, s.variant desc`,
    params: { windowDays }
  };
}

export interface RecallResult extends ProportionDifference {
  campaign_id: string;
  sent_at: string | null;
  window_days: number;
  complete: boolean;
  target: { users: number; returned: number };
  holdout: { users: number; returned: number };
}

/** Recall rate of the target group against the holdout, with a 95 % interval on the difference. */
export async function computeRecallResults(connection: DuckDBConnection, { windowDays }: { windowDays: number }): Promise<RecallResult[]> {
  const rows = await queryRows(connection, recallResults({ windowDays }));
  const ids = [...new Set(rows.map((r) => r.campaign_id as string))];
  return ids.map((campaign_id) => {
    const group = (variant: string) => rows.find((r) => r.campaign_id === campaign_id && r.variant === variant);
    const t = group("target");
    const h = group("holdout");
    const target = { users: Number(t?.users ?? 0), returned: Number(t?.returned ?? 0) };
    const holdout = { users: Number(h?.users ?? 0), returned: Number(h?.returned ?? 0) };
    return {
      campaign_id,
      sent_at: (t?.sent_at ?? h?.sent_at ?? null) as string | null,
      window_days: windowDays,
      complete: Boolean(t?.complete ?? h?.complete),
      target,
      holdout,
      ...proportionDifference({ successes: target.returned, n: target.users }, { successes: holdout.returned, n: holdout.users })
    };
  });
}
