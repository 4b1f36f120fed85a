import { computeLifecycle } from "../../metrics/lifecycle.ts";
import type { BenchCase } from "../bench-case.ts";
import { benchLifecycle, benchWarehouse, withCpuTime } from "../behaviour-bench.ts";

/** Weekly lifecycle of 浏览页面, written by hand for Shanghai Monday weeks (fixed +8 h: see behaviour-retention.ts). */
export const handWrittenLifecycle = `
with act as (select distinct user_id, (epoch_us(ts) + 28800000000 + 259200000000) // 604800000000 as p from events where event = '浏览页面'),
m as (select p, lag(p) over w as prev, lead(p) over w as next from act window w as (partition by user_id order by p))
select p, count(*) filter (s = 'new') as new, count(*) filter (s = 'returning') as returning, count(*) filter (s = 'resurrecting') as resurrecting, -count(*) filter (s = 'dormant') as dormant
from (select p, case when prev is null then 'new' when prev = p - 1 then 'returning' else 'resurrecting' end as s from m
      union all select p + 1, 'dormant' from m where next is null or next > p + 1)
where p <= (select max(p) from act)
group by p order by p`;

export const behaviourLifecycleCase: BenchCase = {
  name: "lifecycle-weekly",
  goal: "≤ 1.2× hand-written SQL",
  maxRatio: 1.2,
  async setup(ctx) {
    const warehouse = await benchWarehouse(ctx);
    // Both sides must agree before their speed is compared.
    const ours = (await computeLifecycle(warehouse.connection, benchLifecycle)).periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant]);
    const theirs = (await warehouse.connection.runAndReadAll(handWrittenLifecycle)).getRowsJS().map((r) => r.slice(1).map(Number));
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`lifecycle-weekly: Opsbook ${JSON.stringify(ours).slice(0, 300)} ≠ hand-written ${JSON.stringify(theirs).slice(0, 300)}`);
    return {
      opsbook: withCpuTime(() => computeLifecycle(warehouse.connection, benchLifecycle)),
      baselineName: "hand-written SQL",
      baseline: withCpuTime(() => warehouse.connection.runAndReadAll(handWrittenLifecycle))
    };
  }
};
