import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import { rfmTierCtes } from "../operations/rfm-tier-sql.ts";
import { stageCtes } from "../operations/stage-sql.ts";

/**
 * 用户画像: active users (any event or order) and paying users (a paid order) of a period
 * [start, end), counted per value of each dimension: region, platform, acquisition channel,
 * 公域/私域, lifecycle stage and RFM tier on the period's last day, and every key found in
 * users.attributes (as `attr:<key>`). Users without a value count as "（未知）" so shares add up.
 */
export function userProfile({ start, end }: { start: string; end: string }, stages: StageThresholds): MetricQuery {
  const s = stageCtes(stages);
  return {
    sql: `with as_of_dates as (select $end::date - 1 as as_of), ${s.sql}, ${rfmTierCtes},
      active as (
        select user_id from events where ts >= $start::date::timestamptz and ts < $end::date::timestamptz
        union select user_id from orders where ts >= $start::date::timestamptz and ts < $end::date::timestamptz
      ),
      paying as (
        select distinct user_id from orders where status = 'paid' and ts >= $start::date::timestamptz and ts < $end::date::timestamptz
      ),
      dims as (
        select user_id, 'region' as dimension, region as value from users
        union all select user_id, 'platform', platform from users
        union all select user_id, 'channel', channel from users
        union all select u.user_id, 'channel_group', g.channel_group from users u join channels g using (channel)
        union all select user_id, 'stage', stage from user_stages
        union all select user_id, 'rfm_tier', rfm_tier from rfm_tiers
        union all select u.user_id, 'attr:' || k, u.attributes ->> k from users u, unnest(json_keys(u.attributes)) t(k) where u.attributes is not null
      ),
      dimension_names as (select distinct dimension from dims),
      people as (select user_id, true as active, p.user_id is not null as paying from active a left join paying p using (user_id)),
      tagged as (
        select n.dimension, p.user_id, p.paying,
          coalesce(d.value, case when n.dimension = 'rfm_tier' then 'no_purchase' else '（未知）' end) as value
        from people p cross join dimension_names n
        left join dims d on d.user_id = p.user_id and d.dimension = n.dimension
      )
      select dimension, value,
        count(*) as active_users, count(*) / sum(count(*)) over (partition by dimension) as active_share,
        count(*) filter (where paying) as paying_users,
        count(*) filter (where paying) / nullif(sum(count(*) filter (where paying)) over (partition by dimension), 0) as paying_share
      from tagged group by dimension, value
      order by dimension, active_users desc, value`,
    params: { ...s.params, start, end }
  };
}
