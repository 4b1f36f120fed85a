import type { MetricQuery } from "../warehouse/query-rows.ts";
import { isGrain, type Grain } from "./grain.ts";
import { kpiKeys } from "./kpi-catalog.ts";
import { periodKpis } from "./period-kpis.ts";

/** SQL for a period's label; the grain is checked against the four known ones before it gets here. */
const labelSql: Record<Grain, string> = {
  day: `strftime(d, '%Y-%m-%d')`,
  week: `isoyear(d) || '-W' || lpad(week(d)::varchar, 2, '0')`,
  month: `strftime(d, '%Y-%m')`,
  quarter: `year(d) || '-Q' || quarter(d)`
};
const stepSql: Record<Grain, string> = { day: "interval 1 day", week: "interval 7 day", month: "interval 1 month", quarter: "interval 3 month" };

/**
 * One row per period per KPI (period, start, end, days, key, value) for sparklines and trend
 * charts. Periods are whole days, weeks, months or quarters from the one containing `start`;
 * `end` (exclusive) cuts the last one short, and its `days` says so.
 */
export function kpiSeries({ grain, start, end, keys }: { grain: Grain; start: string; end: string; keys?: string[] }): MetricQuery {
  if (!isGrain(grain)) throw new Error(`unknown grain ${JSON.stringify(grain)} (expected day, week, month or quarter)`);
  const unknown = (keys ?? []).filter((k) => !kpiKeys.includes(k));
  if (unknown.length) throw new Error(`unknown KPI ${unknown.map((k) => JSON.stringify(k)).join(", ")} (known: ${kpiKeys.join(", ")})`);
  const selected = keys?.length ? keys : kpiKeys;
  const periodsSql = `select ${labelSql[grain]} as period, d::date as start, least((d + ${stepSql[grain]})::date, $end::date) as "end"
    from range(date_trunc('${grain}', $start::date)::timestamp, $end::date::timestamp, ${stepSql[grain]}) r(d)`;
  const inner = periodKpis(periodsSql, { start, end });
  return {
    sql: `select period, start, "end", days, kv.key as key, kv.value as value from (
        select period, start, "end", days, unnest([${selected.map((k) => `{'key': '${k}', 'value': ${k}::double}`).join(", ")}]) as kv
        from (${inner.sql})
      ) order by start, key`,
    params: inner.params
  };
}
