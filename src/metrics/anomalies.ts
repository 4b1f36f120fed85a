import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import { change } from "./change.ts";
import { kpiDefinition, type KpiUnit } from "./kpi-catalog.ts";
import { kpiSeries } from "./kpi-series.ts";

export interface DailyAnomaly {
  date: string;
  metric: string;
  value: number;
  /** Mean and sample standard deviation of the 28 days before. */
  mean: number;
  sd: number;
  z: number;
  direction: "up" | "down";
}

export interface WeekOverWeekMove {
  week: string;
  metric: string;
  unit: KpiUnit;
  value: number;
  previous: number;
  /** Relative, or 百分点 for rates. */
  change: number;
  direction: "up" | "down";
}

export interface AnomalyOptions {
  start: string;
  /** Exclusive. */
  end: string;
  /** Flag days beyond mean ± k·sd of the trailing 28 days (default 3). */
  k?: number;
  keys?: string[];
  /** Flag full weeks whose value moved more than this against the week before (default 0.3 = 30 %). */
  wowThreshold?: number;
  /** The same for rates, in 百分点 (default 0.02 = 2 个百分点). */
  wowRateThreshold?: number;
}

export const defaultAnomalyKeys = ["uv", "pv", "new_users", "sessions", "bounce_rate", "conversion_rate", "orders", "gmv", "aov"];
/** Days of baseline before each tested day. */
export const anomalyWindow = 28;
const window = anomalyWindow;
/** Fewer trailing days than this give no baseline worth testing against. */
const minimumHistory = 14;

/** Days far from their trailing 28-day mean, and full weeks that moved sharply against the week before. */
export async function computeAnomalies(connection: DuckDBConnection, { start, end, k = 3, keys = defaultAnomalyKeys, wowThreshold = 0.3, wowRateThreshold = 0.02 }: AnomalyOptions): Promise<{ anomalies: DailyAnomaly[]; weekOverWeek: WeekOverWeekMove[] }> {
  const daily = await queryRows(connection, kpiSeries({ grain: "day", start: addDays(start, -window), end, keys }));
  const anomalies = dailyAnomalies(daily, { start, k, keys });
  const weekly = await queryRows(connection, kpiSeries({ grain: "week", start: addDays(start, -14), end, keys }));
  const weekOverWeek: WeekOverWeekMove[] = [];
  for (const metric of keys) {
    const { unit } = kpiDefinition(metric);
    // A week cut short by the end date is not comparable with a full one.
    const full = weekly.filter((r: Row) => r.key === metric && r.days === 7);
    for (let i = 1; i < full.length; i++) {
      const [prev, cur] = [full[i - 1], full[i]];
      // The last full week before start counts too: a Monday report reviews the week just ended.
      if (addDays(prev.start as string, 7) !== cur.start || (cur.start as string) < addDays(start, -7)) continue;
      const moved = change(cur.value as number | null, prev.value as number | null, unit);
      if (moved === null || Math.abs(moved) <= (unit === "rate" ? wowRateThreshold : wowThreshold)) continue;
      weekOverWeek.push({ week: cur.period as string, metric, unit, value: cur.value as number, previous: prev.value as number, change: moved, direction: moved > 0 ? "up" : "down" });
    }
  }
  return { anomalies, weekOverWeek };
}

/**
 * The daily part on its own, over a daily KPI series (kpiSeries rows, one per day and key) that
 * starts 28 days before `start`: a build computing many periods reads the series once and slices it.
 */
export function dailyAnomalies(daily: Row[], { start, k = 3, keys = defaultAnomalyKeys }: { start: string; k?: number; keys?: string[] }): DailyAnomaly[] {
  const anomalies: DailyAnomaly[] = [];
  for (const metric of keys) {
    const series = daily.filter((r) => r.key === metric);
    series.forEach((row, i) => {
      if ((row.period as string) < start || row.value === null) return;
      const history = series.slice(Math.max(0, i - window), i).map((r) => r.value).filter((v): v is number => typeof v === "number");
      if (history.length < minimumHistory) return;
      const mean = history.reduce((s, v) => s + v, 0) / history.length;
      const sd = Math.sqrt(history.reduce((s, v) => s + (v - mean) ** 2, 0) / (history.length - 1));
      if (sd === 0) return;
      const z = ((row.value as number) - mean) / sd;
      if (Math.abs(z) > k) anomalies.push({ date: row.period as string, metric, value: row.value as number, mean, sd, z, direction: z > 0 ? "up" : "down" });
    });
  }
  return anomalies;
}
