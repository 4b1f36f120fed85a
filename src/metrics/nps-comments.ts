import type { MetricQuery } from "../warehouse/query-rows.ts";

/** The latest survey comments with their score, as users wrote them (pages must show them as text). */
export function npsComments({ limit = 200, start, end }: { limit?: number; start?: string; end?: string } = {}): MetricQuery {
  return {
    sql: `select ts, score, case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end as kind,
        comment, survey, channel, user_id
      from nps
      where nullif(trim(comment), '') is not null
        and ($start is null or ts >= $start::date::timestamptz) and ($end is null or ts < $end::date::timestamptz)
      order by ts desc, user_id
      limit $limit`,
    params: { limit, start: start ?? null, end: end ?? null }
  };
}
