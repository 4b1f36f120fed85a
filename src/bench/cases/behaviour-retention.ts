import { computeRetention } from "../../metrics/retention.ts";
import type { BenchCase } from "../bench-case.ts";
import { benchRetention, benchWarehouse, withCpuTime } from "../behaviour-bench.ts";

/**
 * Weekly first-time retention over 12 weeks, written by hand for Shanghai weeks. Shanghai has no
 * daylight saving, so a fixed +8 h and one integer division cut local Monday weeks without ICU
 * (+3 days: weeks count from Monday 1969-12-29): the fastest form there is for this one zone.
 * Tried and slower at 10M events: list(distinct week) or bit_or masks per user instead of the
 * distinct (user, week) pairs. Cells with no returning user are left out of the list.
 */
export const handWrittenRetention = `
with starts as (select user_id, min((epoch_us(ts) + 28800000000 + 259200000000) // 604800000000) as c from events where event = '注册' group by user_id),
returns as (select distinct user_id, (epoch_us(ts) + 28800000000 + 259200000000) // 604800000000 as r from events where event = '浏览页面'),
cells as (select s.c, r.r - s.c as k, count(*) as users from starts s join returns r on r.user_id = s.user_id and r.r between s.c + 1 and s.c + 12 group by all)
select s.c, s.size, list(cells.users order by cells.k) as "values"
from (select c, count(*) as size from starts group by c) s left join cells using (c) group by s.c, s.size order by s.c`;

export const behaviourRetentionCase: BenchCase = {
  name: "retention-weekly-12",
  goal: "≤ 1.2× hand-written SQL",
  maxRatio: 1.2,
  async setup(ctx) {
    const warehouse = await benchWarehouse(ctx);
    // Both sides must agree before their speed is compared: cohort sizes and the non-empty cells.
    const ours = (await computeRetention(warehouse.connection, benchRetention)).cohorts.map((c) => [c.size, c.values.slice(1).filter((v) => v)]);
    const theirs = (await warehouse.connection.runAndReadAll(handWrittenRetention)).getRowsJS().map((r) => [Number(r[1]), ((r[2] as unknown[] | null) ?? []).filter((v) => v !== null).map(Number)]);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`retention-weekly-12: Opsbook ${JSON.stringify(ours).slice(0, 300)} ≠ hand-written ${JSON.stringify(theirs).slice(0, 300)}`);
    return {
      opsbook: withCpuTime(() => computeRetention(warehouse.connection, benchRetention)),
      baselineName: "hand-written SQL",
      baseline: withCpuTime(() => warehouse.connection.runAndReadAll(handWrittenRetention))
    };
  }
};
