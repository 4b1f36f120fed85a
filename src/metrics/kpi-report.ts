import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays, daysBetween } from "../calendar.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import { firstDays, parsePeriod, previousOf, yearAgoOf, type Grain } from "./grain.ts";
import { kpiCatalog, type KpiUnit } from "./kpi-catalog.ts";
import { dataSpan } from "./data-span.ts";
import { change } from "./change.ts";
import type { KpiRollup } from "./kpi-rollup.ts";
import { periodKpis } from "./period-kpis.ts";
import { namedPeriods } from "./period-set.ts";
import type { Period } from "./period.ts";

export interface KpiValue {
  key: string;
  label: string;
  unit: KpiUnit;
  value: number | null;
  /** The previous period (环比 base), over the same number of days when the period is partial. */
  previous: number | null;
  /** The same period last year (同比 base), like-for-like as well. */
  yearAgo: number | null;
  target: number | null;
  /** 环比: relative change, or the difference in rate (0.012 = 1.2 百分点) for rates. */
  change: number | null;
  yoyChange: number | null;
  /** actual ÷ target, or target ÷ actual when lower is better. */
  achievement: number | null;
  downIsGood: boolean;
}

export interface KpiReport {
  grain: Grain;
  period: string;
  start: string;
  /** Exclusive. */
  end: string;
  /** True when the data stops inside the period: comparisons then use the same number of days. */
  partial: boolean;
  daysCovered: number;
  /** Days in the whole period (时间进度 = daysCovered ÷ totalDays). */
  totalDays: number;
  /** The ranges actually compared, for the 口径 note under the cards. */
  compared: { current: Period; previous: Period | null; yearAgo: Period | null };
  kpis: KpiValue[];
}

export interface KpiReportOptions {
  grain: Grain;
  period: string;
  /** Last day of data to use (inclusive); defaults to the last day with events or orders. */
  asOf?: string;
}

/** periodKpis rows of named ranges (period = the range's name): what a KPI report compares. */
export type KpiRows = (ranges: [string, Period][]) => Promise<Row[]>;

export const namedKpiRows = (connection: DuckDBConnection, firsts?: string, rollup?: KpiRollup): KpiRows => (ranges) => queryRows(connection, periodKpis(namedPeriods(ranges), { firsts, rollup }));

/**
 * Headline KPIs of one period with 环比, 同比 and target achievement. `kpiRows` lets a build that
 * reports on every week serve whole weeks from one query over all of them.
 */
/** The ranges a KPI report compares: the period (up to the data's last day), and the same days before it and a year ago where the data reaches. */
export interface KpiReportRanges {
  full: Period;
  daysCovered: number;
  totalDays: number;
  compared: { current: Period; previous: Period | null; yearAgo: Period | null };
  /** The compared ranges that exist, by name: what the report asks its KPI rows for. */
  ranges: [string, Period][];
}

export async function kpiReportRanges(connection: DuckDBConnection, { grain, period, asOf }: KpiReportOptions): Promise<KpiReportRanges> {
  const full = parsePeriod(grain, period);
  const span = await dataSpan(connection);
  const lastDay = asOf ?? span.last ?? addDays(full.end, -1);
  if (lastDay < full.start) throw new Error(`period ${period} starts after the last day of data (${lastDay})`);
  const totalDays = daysBetween(full.start, full.end);
  const daysCovered = Math.min(totalDays, daysBetween(full.start, lastDay) + 1);
  const current = firstDays(full, daysCovered);
  // A base period starting before the data does is unknown, not zero.
  const known = (p: Period | null) => (p && span.first !== null && p.start >= span.first ? p : null);
  const previous = known(firstDays(previousOf(full), daysCovered));
  const yearAgoPeriod = yearAgoOf(full);
  const yearAgo = known(yearAgoPeriod && firstDays(yearAgoPeriod, daysCovered));
  const ranges = ([["current", current], ["previous", previous], ["yearAgo", yearAgo]] as [string, Period | null][]).filter((r): r is [string, Period] => r[1] !== null);
  return { full, daysCovered, totalDays, compared: { current, previous, yearAgo }, ranges };
}

export async function computeKpiReport(connection: DuckDBConnection, options: KpiReportOptions, kpiRows: KpiRows = namedKpiRows(connection)): Promise<KpiReport> {
  const { grain, period } = options;
  const { full, daysCovered, totalDays, compared, ranges } = await kpiReportRanges(connection, options);
  const rows = await kpiRows(ranges);
  const byName = (name: string): Row | undefined => rows.find((r) => r.period === name);
  const targets = await queryRows(connection, { sql: `select metric, value from targets where period = $period`, params: { period } });

  const num = (row: Row | undefined, key: string): number | null => (row && typeof row[key] === "number" ? (row[key] as number) : null);
  const kpis = kpiCatalog.map(({ key, label, unit, downIsGood }): KpiValue => {
    const value = num(byName("current"), key);
    const prev = num(byName("previous"), key);
    const ago = num(byName("yearAgo"), key);
    const target = (targets.find((t) => t.metric === key)?.value as number | undefined) ?? null;
    const achievement = value === null || target === null ? null : downIsGood ? safeRatio(target, value) : safeRatio(value, target);
    return { key, label, unit, value, previous: prev, yearAgo: ago, target, change: change(value, prev, unit), yoyChange: change(value, ago, unit), achievement, downIsGood };
  });
  return { grain, period, start: full.start, end: full.end, partial: daysCovered < totalDays, daysCovered, totalDays, compared, kpis };
}

function safeRatio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
