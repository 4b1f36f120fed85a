import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import { stageOrder } from "../operations/stage-labels.ts";
import { stageCtes } from "../operations/stage-sql.ts";

/** Users per lifecycle stage on one date, with the stage's share of all known users, in lifecycle order. */
export function stageCounts({ asOf, timezone, runs }: { asOf: string; timezone?: string; runs?: string }, stages: StageThresholds): MetricQuery {
  const s = stageCtes(stages, timezone, runs);
  return {
    sql: `with as_of_dates as (select $asOf::date as as_of), ${s.sql}
      select stage, count(*) as users, count(*) / sum(count(*)) over () as share,
        round(avg(idle_days), 1) as avg_idle_days
      from user_stages group by stage
      -- In lifecycle order, not the hash table's: the page's output (and its cache key) stays the same run after run.
      order by list_position(string_split($stageOrder, ','), stage)`,
    params: { ...s.params, asOf, stageOrder: stageOrder[stages.naming].join(",") }
  };
}
