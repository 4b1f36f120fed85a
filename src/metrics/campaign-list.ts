import type { MetricQuery } from "../warehouse/query-rows.ts";

/** Campaigns from the campaigns table with their paid GMV and orders so far. */
export function campaignList(): MetricQuery {
  return {
    sql: `select c.campaign_id, c.name, c.type, c.start_date, c.end_date, c.budget::double as budget, c.targets::varchar as targets,
        coalesce(sum(o.amount) filter (where o.status = 'paid'), 0)::double as gmv,
        count(o.order_id) filter (where o.status = 'paid') as orders
      from campaigns c left join orders o on o.campaign_id = c.campaign_id
      group by all
      order by c.start_date, c.campaign_id`
  };
}
