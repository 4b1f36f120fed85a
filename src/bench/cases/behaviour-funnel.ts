import { computeFunnel } from "../../metrics/funnel.ts";
import type { BenchCase } from "../bench-case.ts";
import { benchFunnel, benchWarehouse, withCpuTime } from "../behaviour-bench.ts";

/**
 * The best funnel SQL written by hand for these four steps, same numbers as Opsbook's (users per
 * step, median and mean seconds from the previous step in each user's counted attempt): three
 * backward ASOF joins, each step event looking back to the latest possible attempt, on epoch
 * microseconds (TIMESTAMPTZ + INTERVAL goes through ICU and is slower).
 */
export const handWrittenFunnel = `
with s0 as (select user_id, epoch_us(ts) as t0 from events where event = '浏览商品'),
s1 as (select e.user_id, s.t0, e.t as t1 from (select user_id, epoch_us(ts) as t from events where event = '加入购物车') e
       asof join s0 s on e.user_id = s.user_id and e.t >= s.t0 where e.t <= s.t0 + 1209600000000),
s2 as (select e.user_id, s.t0, s.t1, e.t as t2 from (select user_id, epoch_us(ts) as t from events where event = '提交订单') e
       asof join s1 s on e.user_id = s.user_id and e.t >= s.t1 where e.t <= s.t0 + 1209600000000),
s3 as (select e.user_id, s.t0, s.t1, s.t2, e.t as t3 from (select user_id, epoch_us(ts) as t from events where event = '支付成功') e
       asof join s2 s on e.user_id = s.user_id and e.t >= s.t2 where e.t <= s.t0 + 1209600000000),
u0 as (select distinct user_id from s0),
u1 as (select user_id, arg_min([t0, t1], t1) as p from s1 group by user_id),
u2 as (select user_id, arg_min([t0, t1, t2], t2) as p from s2 group by user_id),
u3 as (select user_id, arg_min([t0, t1, t2, t3], t3) as p from s3 group by user_id),
c as (select coalesce(u3.p, u2.p, u1.p) as p from u0 left join u1 using (user_id) left join u2 using (user_id) left join u3 using (user_id))
select count(*) as users0,
  count(*) filter (len(p) >= 2) as users1, median((p[2] - p[1]) / 1e6) filter (len(p) >= 2), avg((p[2] - p[1]) / 1e6) filter (len(p) >= 2),
  count(*) filter (len(p) >= 3) as users2, median((p[3] - p[2]) / 1e6) filter (len(p) >= 3), avg((p[3] - p[2]) / 1e6) filter (len(p) >= 3),
  count(*) filter (len(p) >= 4) as users3, median((p[4] - p[3]) / 1e6) filter (len(p) >= 4), avg((p[4] - p[3]) / 1e6) filter (len(p) >= 4)
from c`;

export const behaviourFunnelCase: BenchCase = {
  name: "funnel-4-step",
  goal: "≤ 1.2× hand-written ASOF SQL",
  maxRatio: 1.2,
  async setup(ctx) {
    const warehouse = await benchWarehouse(ctx);
    const ours = await computeFunnel(warehouse.connection, benchFunnel);
    const reader = await warehouse.connection.runAndReadAll(handWrittenFunnel);
    const theirs = reader.getRowsJS()[0].map(Number);
    // Both sides must agree before their speed is compared.
    const agree = ours.steps.every((s, k) => s.count === theirs[k === 0 ? 0 : 1 + (k - 1) * 3] && (k === 0 || Math.abs((s.median_seconds_from_previous ?? 0) - theirs[2 + (k - 1) * 3]) < 1e-6));
    if (!agree) throw new Error(`funnel-4-step: Opsbook ${JSON.stringify(ours.steps)} ≠ hand-written ${JSON.stringify(theirs)}`);
    return {
      opsbook: withCpuTime(() => computeFunnel(warehouse.connection, benchFunnel)),
      baselineName: "hand-written ASOF SQL",
      baseline: withCpuTime(() => warehouse.connection.runAndReadAll(handWrittenFunnel)),
      note: `users per step ${ours.steps.map((s) => s.count).join(" → ")}`
    };
  }
};
