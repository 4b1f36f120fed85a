import type { KpiUnit } from "./kpi-catalog.ts";

/**
 * 环比 / 同比 of a KPI: (current − base) ÷ base, except rates, which change in 百分点 (a difference
 * of fractions). Null when either side is missing or the base is zero: never NaN or Infinity.
 */
export function change(current: number | null, base: number | null, unit: KpiUnit): number | null {
  if (current === null || base === null) return null;
  if (unit === "rate") return current - base;
  return base === 0 ? null : (current - base) / base;
}
