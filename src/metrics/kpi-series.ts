import type { MetricQuery } from "../warehouse/query-rows.ts";
import { isGrain, type Grain } from "./grain.ts";
import { kpiKeys } from "./kpi-catalog.ts";
import type { KpiRollup } from "./kpi-rollup.ts";
import { periodKpis } from "./period-kpis.ts";
import { gridPeriods } from "./period-set.ts";

/**
 * One row per period per KPI (period, start, end, days, key, value) for sparklines and trend
 * charts. Periods are whole days, weeks, months or quarters from the one containing `start`;
 * `end` (exclusive) cuts the last one short, and its `days` says so.
 */
export function kpiSeries({ grain, start, end, keys, timezone, firsts, rollup }: { grain: Grain; start: string; end: string; keys?: string[]; timezone?: string; firsts?: string; rollup?: KpiRollup }): MetricQuery {
  if (!isGrain(grain)) throw new Error(`unknown grain ${JSON.stringify(grain)} (expected day, week, month or quarter)`);
  const unknown = (keys ?? []).filter((k) => !kpiKeys.includes(k));
  if (unknown.length) throw new Error(`unknown KPI ${unknown.map((k) => JSON.stringify(k)).join(", ")} (known: ${kpiKeys.join(", ")})`);
  const selected = keys?.length ? keys : kpiKeys;
  // The session's zone, when the caller knows it, lets local days skip ICU (see gridPeriods).
  const inner = periodKpis(gridPeriods(grain, start, end, timezone), { firsts, rollup });
  return {
    sql: `select period, start, "end", days, kv.key as key, kv.value as value from (
        select period, start, "end", days, unnest([${selected.map((k) => `{'key': '${k}', 'value': ${k}::double}`).join(", ")}]) as kv
        from (${inner.sql})
      ) order by start, key`,
    params: inner.params
  };
}
