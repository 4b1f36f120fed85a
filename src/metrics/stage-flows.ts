import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import { stageCtes } from "../operations/stage-sql.ts";

/**
 * Weekly movements between stages: for each ISO week whose Sunday lies in [start, end], users by
 * (stage on the previous Sunday → stage on this Sunday). Users first seen during the week come
 * from "none". The rows feed a flow (Sankey-like) chart and the stage-change table.
 */
export function stageFlows({ start, end, timezone, runs }: { start: string; end: string; timezone?: string; runs?: string }, stages: StageThresholds): MetricQuery {
  const s = stageCtes(stages, timezone, runs);
  return {
    sql: `with sundays as (
        select d::date as sunday from generate_series($start::date, $end::date, interval 1 day) t(d) where isodow(d) = 7
      ),
      as_of_dates as (select sunday as as_of from sundays union select sunday - 7 from sundays),
      ${s.sql}
      select strftime(w.sunday, '%G-W%V') as week, w.sunday,
        coalesce(b.stage, 'none') as from_stage, a.stage as to_stage, count(*) as users
      from sundays w
      join user_stages a on a.as_of = w.sunday
      left join user_stages b on b.as_of = w.sunday - 7 and b.user_id = a.user_id
      group by all
      order by w.sunday, from_stage, to_stage`,
    params: { ...s.params, start, end }
  };
}
