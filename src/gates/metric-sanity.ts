import type { DuckDBConnection } from "@duckdb/node-api";
import { isoWeek } from "../calendar.ts";
import { dataRange } from "../metrics/data-range.ts";
import { weekPeriod } from "../metrics/period.ts";
import { weeklyKpis } from "../metrics/weekly-kpis.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import type { MetricBounds } from "./gate-config.ts";
import { round, say, type GateContext, type GateResult } from "./gate-result.ts";

/** The newest week's headline KPIs within plausible bounds (a conversion rate above 100 % means broken joins or ids). */
export async function metricSanityGate(connection: DuckDBConnection, bounds: Record<string, MetricBounds>, ctx: GateContext): Promise<GateResult[]> {
  const [range] = await queryRows(connection, dataRange());
  if (!range?.last_day) return [];
  const week = isoWeek(String(range.last_day));
  const kpis = await queryRows(connection, weeklyKpis(weekPeriod(week)));
  const current = kpis.find((r) => r.period === "current") ?? {};
  return Object.entries(bounds).map(([metric, { min, max }]) => {
    const value = current[metric];
    const numbers = { week, value: typeof value === "number" ? value : null, min: min ?? null, max: max ?? null };
    if (typeof value !== "number") return { gate: "metric-sanity", table: "kpi", status: "skip", message: say(ctx.locale, `${week} ${metric} 无值`, `${week} ${metric} has no value`), numbers };
    const bad = (min !== undefined && value < min) || (max !== undefined && value > max);
    const range = `[${min ?? "-∞"}, ${max ?? "∞"}]`;
    const shown = round(value, 4);
    return { gate: "metric-sanity", table: "kpi", status: bad ? "fail" : "pass", message: say(ctx.locale, `${week} ${metric} = ${shown}，合理范围 ${range}`, `${week} ${metric} = ${shown}, expected within ${range}`), numbers };
  });
}
