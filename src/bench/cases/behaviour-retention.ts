import { computeRetention } from "../../metrics/retention.ts";
import type { BenchCase } from "../bench-case.ts";
import { benchRetention, benchWarehouse } from "../behaviour-bench.ts";

/**
 * Weekly first-time retention over 12 weeks, written by hand for Shanghai weeks. Shanghai has no
 * daylight saving, so a fixed +8 h and integer division cut local weeks without ICU: the fastest
 * form there is for this one zone (1970-01-01 was a Thursday, so these weeks are not Monday-based;
 * the timing is what matters).
 */
export const handWrittenRetention = `
with starts as (select user_id, min((epoch_us(ts) + 28800000000) // 86400000000 // 7) as c from events where event = '注册' group by user_id),
returns as (select distinct user_id, (epoch_us(ts) + 28800000000) // 86400000000 // 7 as r from events where event = '浏览页面'),
cells as (select s.c, r.r - s.c as k, count(*) as users from starts s join returns r on r.user_id = s.user_id and r.r between s.c + 1 and s.c + 12 group by all)
select s.c, s.size, list(cells.users order by cells.k) as "values"
from (select c, count(*) as size from starts group by c) s left join cells using (c) group by s.c, s.size order by s.c`;

export const behaviourRetentionCase: BenchCase = {
  name: "retention-weekly-12",
  goal: "≤ 1.2× hand-written SQL",
  maxRatio: 1.2,
  async setup(ctx) {
    const warehouse = await benchWarehouse(ctx);
    return {
      opsbook: { run: async () => void (await computeRetention(warehouse.connection, benchRetention)) },
      baselineName: "hand-written SQL",
      baseline: { run: async () => void (await warehouse.connection.runAndReadAll(handWrittenRetention)) }
    };
  }
};
