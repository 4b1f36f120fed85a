import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, type MetricQuery } from "../warehouse/query-rows.ts";
import { paidOrdersSql } from "./paid-orders.ts";
import { defaultRfmRules, tierNames, tierSql, type RfmRules } from "./rfm-rules.ts";

export interface RfmCustomer {
  user_id: string;
  /** Days from the last paid order's local date to the as-of date. */
  recency_days: number;
  frequency: number;
  monetary: number;
  r_score: number;
  f_score: number;
  m_score: number;
  /** R×100 + F×10 + M, as the R package rfm prints it. */
  rfm_score: number;
  tier: string;
}

export interface RfmResult {
  asOf: string;
  customers: RfmCustomer[];
  tiers: { tier: string; customers: number; customer_share: number | null; revenue: number; revenue_share: number | null }[];
  grid: { r_score: number; f_score: number; customers: number }[];
}

/**
 * Scores as the R package rfm's rfm_table_order does: break points are the 20/40/60/80 % sample
 * quantiles (R's default type 7 = DuckDB's quantile_cont) plus one; a value scores 1 + the number
 * of break points it reaches, so ties always share a score and a tied break point leaves a score
 * empty rather than splitting equal customers. Recency is reversed (6 − that).
 */
export function rfm({ asOf, rules = defaultRfmRules }: { asOf: string; rules?: RfmRules }): MetricQuery {
  const score = (column: string, breaks: string) => `1 + ${[1, 2, 3, 4].map((i) => `(${column} >= b.${breaks}[${i}] + 1)::int`).join(" + ")}`;
  return {
    sql: `with paid as (${paidOrdersSql(rules.lookbackDays !== null)}),
      customers as (
        select user_id, ($asOf::date - max(day)) as recency_days, count(*) as frequency, sum(amount) as monetary
        from paid group by user_id
      ),
      breaks as (
        select quantile_cont(recency_days::double, [0.2, 0.4, 0.6, 0.8]) as r, quantile_cont(frequency::double, [0.2, 0.4, 0.6, 0.8]) as f,
          quantile_cont(monetary, [0.2, 0.4, 0.6, 0.8]) as m
        from customers
      ),
      scored as (
        select c.user_id, c.recency_days, c.frequency, round(c.monetary, 2) as monetary,
          6 - (${score("c.recency_days", "r")}) as r_score, ${score("c.frequency", "f")} as f_score, ${score("c.monetary", "m")} as m_score
        from customers c, breaks b
      )
      select *, r_score * 100 + f_score * 10 + m_score as rfm_score, ${tierSql(rules)} as tier
      from scored order by rfm_score desc, monetary desc, user_id`,
    params: { asOf, ...(rules.lookbackDays !== null ? { lookback: rules.lookbackDays } : {}) }
  };
}

/** RFM per customer, the tiers' shares of customers and revenue, and the R×F grid. */
export async function computeRfm(connection: DuckDBConnection, { asOf, rules = defaultRfmRules }: { asOf: string; rules?: RfmRules }): Promise<RfmResult> {
  const customers = (await queryRows(connection, rfm({ asOf, rules }))) as unknown as RfmCustomer[];
  const totalRevenue = customers.reduce((s, c) => s + c.monetary, 0);
  const tiers = tierNames(rules).map((tier) => {
    const members = customers.filter((c) => c.tier === tier);
    const revenue = Math.round(members.reduce((s, c) => s + c.monetary, 0) * 100) / 100;
    return {
      tier,
      customers: members.length,
      customer_share: customers.length ? members.length / customers.length : null,
      revenue,
      revenue_share: totalRevenue ? revenue / totalRevenue : null
    };
  });
  const grid = [];
  for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) grid.push({ r_score: r, f_score: f, customers: customers.filter((c) => c.r_score === r && c.f_score === f).length });
  return { asOf, customers, tiers, grid };
}
