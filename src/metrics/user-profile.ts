import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import { addDays } from "../calendar.ts";
import { noPurchaseTier, rfmTiersCte } from "../operations/rfm-tiers.ts";
import { defaultRfmRules, type RfmRules } from "./rfm-rules.ts";
import { stageCtes } from "../operations/stage-sql.ts";

/**
 * 用户画像: active users (any event or order) and paying users (a paid order) of a period
 * [start, end), counted per value of each dimension: region, platform, acquisition channel,
 * 公域/私域, lifecycle stage and RFM tier on the period's last day, and every key found in
 * users.attributes (as `attr:<key>`). Users without a value count as "（未知）" so shares add up.
 */
export function userProfile({ start, end, timezone, runs }: { start: string; end: string; timezone?: string; runs?: string }, stages: StageThresholds, rfmRules: RfmRules = defaultRfmRules): MetricQuery {
  const s = stageCtes(stages, timezone, runs);
  const r = rfmTiersCte(addDays(end, -1), rfmRules);
  return {
    sql: `with as_of_dates as (select $asOf::date as as_of), ${s.sql}, ${r.sql},
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
        union all select user_id, 'rfm_tier', tier from rfm_tiers
        union all select u.user_id, 'attr:' || k, u.attributes ->> k from users u, unnest(json_keys(u.attributes)) t(k) where u.attributes is not null
      ),
      dimension_names as (select distinct dimension from dims),
      people as (select user_id, true as active, p.user_id is not null as paying from active a left join paying p using (user_id)),
      tagged as (
        select n.dimension, p.user_id, p.paying,
          coalesce(d.value, case when n.dimension = 'rfm_tier' then $noPurchase else '（未知）' end) as value
        from people p cross join dimension_names n
        left join dims d on d.user_id = p.user_id and d.dimension = n.dimension
      )
      select dimension, value,
        count(*) as active_users, count(*) / sum(count(*)) over (partition by dimension) as active_share,
        count(*) filter (where paying) as paying_users,
        count(*) filter (where paying) / nullif(sum(count(*) filter (where paying)) over (partition by dimension), 0) as paying_share
      from tagged group by dimension, value
      order by dimension, active_users desc, value`,
    params: { ...s.params, ...r.params, asOf: addDays(end, -1), noPurchase: noPurchaseTier, start, end }
  };
}
