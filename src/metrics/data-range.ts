import type { MetricQuery } from "../warehouse/query-rows.ts";

/** First and last local day with events: the span the site has pages for. */
export function dataRange(): MetricQuery {
  return { sql: `select min(ts)::date as first_day, max(ts)::date as last_day, count(*) as events from events` };
}
