import type { DuckDBConnection } from "@duckdb/node-api";
import { npsWithMargin, proportionMargin } from "../operations/intervals.ts";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";

export type NpsGrain = "week" | "month" | "quarter" | "all";
/** Segments are a fixed list of columns, never user text spliced into SQL. */
export const npsSegments = {
  survey: "n.survey",
  channel: "n.channel",
  region: "u.region",
  platform: "u.platform",
  acquisition: "u.channel"
} as const;
export type NpsSegment = keyof typeof npsSegments;

export interface NpsOptions {
  grain?: NpsGrain;
  by?: NpsSegment;
  /** Local dates, [start, end). */
  start?: string;
  end?: string;
}

/**
 * Answers per period (and segment) split into promoters (9–10), passives (7–8) and detractors
 * (0–6), plus 1–5 satisfaction answers and how many were 4 or 5. Periods are cut in local time.
 */
export function npsSummary({ grain = "month", by, start, end }: NpsOptions = {}): MetricQuery {
  const segment = by ? npsSegments[by] : "null";
  return {
    sql: `with answers as (
        select n.ts, n.score, n.satisfaction, coalesce(${segment}::varchar, '（未知）') as segment,
          case when $grain = 'all' then null else date_trunc($grain, n.ts)::date end as bucket
        from nps n left join users u using (user_id)
        where ($start is null or n.ts >= $start::date::timestamptz) and ($end is null or n.ts < $end::date::timestamptz)
      )
      select coalesce(bucket, min(ts)::date) as period, segment,
        count(*) as responses,
        count(*) filter (where score >= 9) as promoters,
        count(*) filter (where score between 7 and 8) as passives,
        count(*) filter (where score <= 6) as detractors,
        count(satisfaction) as satisfaction_responses,
        count(*) filter (where satisfaction >= 4) as satisfied
      from answers group by bucket, segment
      order by period, segment`,
    params: { grain: grain === "all" ? "all" : grain, start: start ?? null, end: end ?? null }
  };
}

export interface NpsRow {
  period: string;
  segment: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100 … 100 */
  nps: number | null;
  /** ± points, 95 % */
  nps_margin: number | null;
  satisfaction_responses: number;
  satisfied: number;
  /** Share of satisfaction answers that are 4 or 5, a fraction. */
  satisfaction: number | null;
  satisfaction_margin: number | null;
}

export async function computeNps(connection: DuckDBConnection, options: NpsOptions = {}): Promise<NpsRow[]> {
  const rows = await queryRows(connection, npsSummary(options));
  return rows.map((r) => {
    const n = Number(r.responses);
    const sn = Number(r.satisfaction_responses);
    const { nps, margin } = npsWithMargin(Number(r.promoters), Number(r.detractors), n);
    return {
      period: r.period as string,
      segment: r.segment as string,
      responses: n,
      promoters: Number(r.promoters),
      passives: Number(r.passives),
      detractors: Number(r.detractors),
      nps,
      nps_margin: margin,
      satisfaction_responses: sn,
      satisfied: Number(r.satisfied),
      satisfaction: sn > 0 ? Number(r.satisfied) / sn : null,
      satisfaction_margin: proportionMargin({ successes: Number(r.satisfied), n: sn })
    };
  });
}
