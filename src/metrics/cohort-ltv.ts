import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { paidOrdersSql } from "./paid-orders.ts";

export interface LtvCohort {
  /** Month of the customer's first paid order, "2026-06". */
  cohort: string;
  customers: number;
  /** values[k] = cumulative revenue per cohort customer through month k after acquisition (k = 0 is the first month); null where month k is after the as-of month. */
  values: (number | null)[];
}

/** Cumulative paid revenue per acquired customer by months since acquisition, one row per cohort and month. */
export function cohortLtv({ asOf }: { asOf: string }): MetricQuery {
  return {
    sql: `with paid as (${paidOrdersSql()}),
      firsts as (select user_id, date_trunc('month', min(day)) as cohort from paid group by user_id),
      sizes as (select cohort, count(*) as customers from firsts group by cohort),
      revenue as (
        select f.cohort, datediff('month', f.cohort, date_trunc('month', p.day)) as k, sum(p.amount) as amount
        from paid p join firsts f using (user_id) group by all
      ),
      grid as (select cohort, customers, unnest(range(0, datediff('month', cohort, date_trunc('month', $asOf::date)) + 1)) as k from sizes)
      select strftime(g.cohort, '%Y-%m') as cohort, g.customers, g.k,
        sum(coalesce(r.amount, 0)) over (partition by g.cohort order by g.k) / g.customers as ltv
      from grid g left join revenue r using (cohort, k)
      order by g.cohort, g.k`,
    params: { asOf }
  };
}

export async function computeCohortLtv(connection: DuckDBConnection, { asOf }: { asOf: string }): Promise<{ cohorts: LtvCohort[] }> {
  const rows = await queryRows(connection, cohortLtv({ asOf }));
  const width = Math.max(0, ...rows.map((r) => (r.k as number) + 1));
  const cohorts = new Map<string, LtvCohort>();
  for (const r of rows) {
    const cohort = cohorts.get(r.cohort as string) ?? { cohort: r.cohort as string, customers: r.customers as number, values: Array(width).fill(null) };
    cohort.values[r.k as number] = r.ltv as number;
    cohorts.set(cohort.cohort, cohort);
  }
  return { cohorts: [...cohorts.values()] };
}
