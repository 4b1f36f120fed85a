import type { MetricQuery } from "../warehouse/query-rows.ts";
import type { StageKey } from "../operations/stage-labels.ts";
import type { StageThresholds } from "../operations/operations-config.ts";
import type { RfmRules } from "./rfm-rules.ts";
import { defaultRfmRules } from "./rfm-rules.ts";
import { noPurchaseTier, rfmTiersCte } from "../operations/rfm-tiers.ts";
import { stageCtes } from "../operations/stage-sql.ts";

export interface AtRiskOptions {
  asOf: string;
  /** Stages to list; silent users (about to churn) by default. */
  stages?: StageKey[];
  /** RFM tiers to keep (names from the RFM rules, or 未购买); all when empty. */
  tiers?: string[];
  rfmRules?: RfmRules;
  limit?: number;
  /** The session's time zone, when known: local days by arithmetic for a fixed-offset zone (see stageCtes). */
  timezone?: string;
  /** A table already holding the activity runs (see stageCtes). */
  runs?: string;
}

/**
 * The recall list: users in the chosen stages on the as-of date, most valuable first (lifetime paid
 * amount, then the longest idle). Stage and tier lists are bound as comma-separated text.
 */
export function atRiskUsers({ asOf, stages: wanted = ["silent"], tiers = [], limit, rfmRules = defaultRfmRules, timezone, runs }: AtRiskOptions, stages: StageThresholds): MetricQuery {
  const s = stageCtes(stages, timezone, runs);
  const r = rfmTiersCte(asOf, rfmRules);
  return {
    sql: `with as_of_dates as (select $asOf::date as as_of), ${s.sql}, ${r.sql}
      select u.user_id, u.stage, u.last_active, u.idle_days, coalesce(r.tier, $noPurchase) as rfm_tier,
        r.r_score, r.f_score, r.m_score, c.channel, c.region, c.platform, u.paid_orders, u.paid_amount as value
      from user_stages u
      left join rfm_tiers r using (user_id)
      left join users c using (user_id)
      where list_contains(string_split($stages, ','), u.stage)
        and ($tiers = '' or list_contains(string_split($tiers, ','), coalesce(r.tier, $noPurchase)))
      order by value desc, idle_days desc, user_id
      limit $limit`,
    params: { ...s.params, ...r.params, asOf, noPurchase: noPurchaseTier, stages: wanted.join(","), tiers: tiers.join(","), limit: limit ?? 2147483647 }
  };
}
