import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { Period } from "./period.ts";

/** GMV (paid orders, refunds excluded) and paid orders per local day, with empty days as zero. */
export function dailyGmv({ start, end }: Period): MetricQuery {
  return {
    sql: `select d.day::date as date, coalesce(sum(o.amount), 0)::double as gmv, count(o.order_id) as orders
      from range($start::date, $end::date, interval 1 day) d(day)
      left join orders o on o.status = 'paid' and cast(o.ts as date) = d.day::date
      group by d.day order by d.day`,
    params: { start, end }
  };
}
