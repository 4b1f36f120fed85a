import type { MetricQuery } from "../warehouse/query-rows.ts";
import { rfm } from "../metrics/rfm.ts";
import { tierNames, type RfmRules } from "../metrics/rfm-rules.ts";

/** The tier of users without a paid order up to the as-of date. */
export const noPurchaseTier = "未购买";

/**
 * The RFM metric (src/metrics/rfm.ts, tiers from "rfm" in opsbook.config.json) as a CTE named
 * `rfm_tiers`, so stage lists and profiles tier users exactly as the RFM page does. It binds $asOf,
 * which the caller binds to the same date.
 */
export function rfmTiersCte(asOf: string, rules: RfmRules): { sql: string; params: NonNullable<MetricQuery["params"]> } {
  const q = rfm({ asOf, rules });
  return { sql: `rfm_tiers as (${q.sql})`, params: q.params ?? {} };
}

/** Checks a tier typed on the command line against the configured tiers. */
export function checkTier(input: string, rules: RfmRules): string {
  const known = [...tierNames(rules), noPurchaseTier];
  const name = input.trim();
  if (!known.includes(name)) throw new Error(`unknown RFM tier ${JSON.stringify(input)}: expected one of ${known.join(", ")}`);
  return name;
}
