import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import { stageCtes } from "../operations/stage-sql.ts";

/** Users per lifecycle stage on one date, with the stage's share of all known users. */
export function stageCounts({ asOf, timezone }: { asOf: string; timezone?: string }, stages: StageThresholds): MetricQuery {
  const s = stageCtes(stages, timezone);
  return {
    sql: `with as_of_dates as (select $asOf::date as as_of), ${s.sql}
      select stage, count(*) as users, count(*) / sum(count(*)) over () as share,
        round(avg(idle_days), 1) as avg_idle_days
      from user_stages group by stage`,
    params: { ...s.params, asOf }
  };
}
