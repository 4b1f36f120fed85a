/**
 * RFM tiers of paying users at the single date of `as_of_dates(as_of)`, over paid orders in the
 * 365 days up to it. Scores are 1–5 from the cumulative distribution (ceil(5 × cume_dist)), so
 * tied customers always share a score. Tiers, after the S3 table in DOMAIN.md:
 *   high_value   高价值用户  R ≥ 4, F ≥ 4 and M ≥ 4
 *   churned      流失用户    R = 1 (the least recent fifth)
 *   potential    潜力用户    R ≥ 3
 *   low_activity 低活跃用户  everyone else who bought
 * Users without a paid order in the window are `no_purchase`.
 *
 * Defines `rfm_tiers(user_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_tier)`.
 */
export const rfmTierCtes = `rfm_window as (
    select o.user_id, date_diff('day', max(o.ts::date), any_value(d.as_of)) as recency_days,
      count(*) as frequency, sum(o.amount)::double as monetary
    from as_of_dates d join orders o on o.status = 'paid' and o.ts::date <= d.as_of and o.ts::date > d.as_of - interval 365 day
    group by o.user_id
  ),
  rfm_scores as (
    select *,
      ceil(5 * cume_dist() over (order by recency_days desc))::int as r_score,
      ceil(5 * cume_dist() over (order by frequency))::int as f_score,
      ceil(5 * cume_dist() over (order by monetary))::int as m_score
    from rfm_window
  ),
  rfm_tiers as (
    select *, case
        when r_score >= 4 and f_score >= 4 and m_score >= 4 then 'high_value'
        when r_score = 1 then 'churned'
        when r_score >= 3 then 'potential'
        else 'low_activity'
      end as rfm_tier
    from rfm_scores
  )`;

export const rfmTierLabels: Record<string, { zh: string; en: string }> = {
  high_value: { zh: "高价值用户", en: "High value" },
  potential: { zh: "潜力用户", en: "Potential" },
  low_activity: { zh: "低活跃用户", en: "Low activity" },
  churned: { zh: "流失用户", en: "Churned" },
  no_purchase: { zh: "未购买", en: "No purchase" }
};

/** Accepts a tier key or its Chinese or English label, as users type either. */
export function rfmTierKey(input: string): string {
  const needle = input.trim().toLowerCase();
  for (const [key, { zh, en }] of Object.entries(rfmTierLabels)) if (needle === key || needle === zh || needle === en.toLowerCase()) return key;
  throw new Error(`unknown RFM tier ${JSON.stringify(input)}: expected one of ${Object.entries(rfmTierLabels).map(([k, l]) => `${k} (${l.zh})`).join(", ")}`);
}
