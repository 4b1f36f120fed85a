import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { paidOrdersSql } from "./paid-orders.ts";

export interface CustomerSummaryRow {
  user_id: string;
  /** Repeat purchase periods: distinct periods with a purchase, minus the first. */
  frequency: number;
  /** Periods from the first to the last purchase. */
  recency: number;
  /** Periods from the first purchase to the as-of date. */
  T: number;
  /** Mean spend per repeat period (the first period excluded); 0 without repeats. */
  monetary_value: number;
}

export type SummaryUnit = "day" | "week";

/**
 * The customer summary lifetime-value models (BG/NBD, Gamma-Gamma) are fitted on, computed like
 * the Python lifetimes library's summary_data_from_transaction_data: purchases are cut to periods
 * (days, or Monday-first weeks as pandas' "W"), purchases in one period merge into one with their
 * amounts summed, and recency and T are period differences, unrounded.
 */
export function customerSummary({ asOf, unit = "day" }: { asOf: string; unit?: SummaryUnit }): MetricQuery {
  if (unit !== "day" && unit !== "week") throw new Error(`unit must be day or week, got ${JSON.stringify(unit)}`);
  const period = unit === "week" ? `date_trunc('week', day)::date` : "day";
  const length = unit === "week" ? 7 : 1;
  return {
    sql: `with paid as (${paidOrdersSql()}),
      periods as (select user_id, ${period} as period, sum(amount) as amount from paid group by all),
      ranked as (select *, min(period) over (partition by user_id) as first_period from periods)
      select user_id,
        count(*) - 1 as frequency,
        (max(period) - min(period)) / ${length}::double as recency,
        ((${period.replace("day", "$asOf::date")}) - min(period)) / ${length}::double as "T",
        coalesce(avg(amount) filter (where period > first_period), 0) as monetary_value
      from ranked group by user_id order by user_id`,
    params: { asOf }
  };
}

export async function computeCustomerSummary(connection: DuckDBConnection, options: { asOf: string; unit?: SummaryUnit }): Promise<{ customers: CustomerSummaryRow[] }> {
  return { customers: (await queryRows(connection, customerSummary(options))) as unknown as CustomerSummaryRow[] };
}
