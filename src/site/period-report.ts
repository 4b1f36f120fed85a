import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import { loadConfig, type Locale } from "../config.ts";
import { anomalyWindow, dailyAnomalies, defaultAnomalyKeys } from "../metrics/anomalies.ts";
import { computeChannelRanges, type ChannelRow } from "../metrics/channel-performance.ts";
import { contentPieceRanges, type ContentPiece } from "../metrics/content-performance.ts";
import { dailyGmv } from "../metrics/daily-gmv.ts";
import { parseLifecycleDefinition, parseRetentionDefinition } from "../metrics/definitions.ts";
import type { FunnelStep } from "../metrics/funnel.ts";
import { computeKpiReport, type KpiValue } from "../metrics/kpi-report.ts";
import { kpiDefinition } from "../metrics/kpi-catalog.ts";
import { computeLifecycle, type LifecyclePeriod } from "../metrics/lifecycle.ts";
import type { Period } from "../metrics/period.ts";
import { computeRetention, type RetentionResult } from "../metrics/retention.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import { kpiSparklines } from "./kpi-sparklines.ts";
import { directSource, type ReportSource } from "./report-source.ts";
import { periodFunnels } from "./period-funnels.ts";
import { periodKpiRows } from "./period-kpi-rows.ts";
import { periodRanges } from "./period-ranges.ts";

/** The KPIs a weekly or monthly report opens with; the rest are in the table below them. */
export const headlineKeys = ["uv", "new_users", "orders", "gmv", "conversion_rate", "aov", "bounce_rate", "repurchase_rate"];

export interface PeriodReport {
  grain: "week" | "month";
  period: string;
  start: string;
  end: string; // exclusive
  /** Every KPI of the report, for the full table. */
  kpis: KpiValue[];
  /** The cards at the top. */
  headline: KpiValue[];
  partial: boolean;
  daysCovered: number;
  series: Record<string, (number | null)[]>;
  daily: Row[];
  channels: { groups: ChannelRow[]; channels: ChannelRow[] };
  funnel: { current: FunnelStep[]; previous: FunnelStep[] };
  lifecycle: LifecyclePeriod[];
  retention: RetentionResult;
  topContent: ContentPiece[];
  anomalies: { date: string; metric: string; value: number; mean: number; z: number; direction: string }[];
  /** KPIs that moved most against the previous period, largest first. */
  movers: KpiValue[];
}

/** Everything a weekly or monthly report shows, computed once at build time. */
export async function periodReport(
  connection: DuckDBConnection,
  { grain, period, start, end, timezone, locale = loadConfig().locale }: { grain: "week" | "month"; period: string; timezone: string; locale?: Locale } & Period,
  source: ReportSource = directSource(connection)
): Promise<PeriodReport> {
  // A whole period's named ranges asked with every other period's (months after a shorter month compare like-for-like partial ranges).
  const [asked] = await source.periods("kpi-ranges", grain, start, end, (from, to) => periodKpiRows(connection, source, grain, periodRanges(grain, from, to)));
  const report = await computeKpiReport(connection, { grain, period }, (ranges) => (asked && JSON.stringify(ranges) === JSON.stringify(asked.ranges) ? Promise.resolve(asked.rows) : source.kpis(grain, ranges)));
  // KPI names are shown as the data carries them: in the site's language.
  const label = (key: string) => (locale === "en-US" ? kpiDefinition(key).labelEn : kpiDefinition(key).label);
  if (locale !== "zh-CN") report.kpis = report.kpis.map((k) => ({ ...k, label: label(k.key) }));
  // Enough history for six cohorts / periods before this one.
  const history = addDays(start, grain === "week" ? -7 * 6 : -31 * 4);
  const headline = headlineKeys.map((k) => report.kpis.find((v) => v.key === k)).filter((v): v is KpiValue => v !== undefined);
  // Rates move in 百分点, others relatively: a 1pp move weighs like a 10% one.
  const weight = (k: KpiValue) => Math.abs(k.change!) * (k.unit === "rate" ? 10 : 1);
  const movers = report.kpis.filter((k) => k.change != null && k.change !== 0).sort((a, b) => weight(b) - weight(a)).slice(0, 3);
  // A period's channels depend on its own bounds and the last day with data alone: one query serves every period of a build.
  const channels = await source.periods("channels", grain, start, end, async (from, to) =>
    (await computeChannelRanges(connection, periodRanges(grain, from, to))).map(({ start, channels, groups }) => ({ start, channels, groups })));
  // A period's funnel and its previous one's depend on the period alone: one query serves every period of a build.
  const [funnel] = await source.periods("funnel", grain, start, end, (from, to) => periodFunnels(connection, periodRanges(grain, from, to), timezone));
  // Only the daily anomalies are shown (computeAnomalies' week-over-week part is not read here).
  const anomalies = dailyAnomalies(await source.series({ grain: "day", start: addDays(start, -anomalyWindow), end, keys: defaultAnomalyKeys }), { start });
  return {
    grain,
    period,
    start,
    end,
    kpis: report.kpis,
    headline,
    partial: report.partial,
    daysCovered: report.daysCovered,
    series: await kpiSparklines(connection, { ...report, kpis: headline }, source),
    // Each day's row is its own day's orders alone: one query over the site serves every report of a build.
    daily: (await source.periods("daily-gmv", grain, start, end, async (from, to) =>
      (await queryRows(connection, dailyGmv({ start: from, end: to }))).map((r) => ({ ...r, start: r.date as string })))).map(({ start: _, ...r }) => r),
    channels: { groups: channels[0].groups, channels: channels[0].channels },
    funnel: { current: funnel.current, previous: funnel.previous },
    // Each period's row reads all history whatever the range, so one wide computation serves every report of a build.
    lifecycle: await source.periods("lifecycle", grain, history, end, async (from, to) =>
      (await computeLifecycle(connection, parseLifecycleDefinition({ event: { event: "浏览页面" }, period: grain, from, to, timezone }))).periods),
    retention: { cohorts: await source.periods(`retention:${grain === "week" ? 6 : 4}`, grain, history, end, async (from, to) =>
      (await computeRetention(connection, parseRetentionDefinition({ start: { event: "浏览页面" }, return: { event: "浏览页面" }, period: grain, periods: grain === "week" ? 6 : 4, type: "first_time", from, to, timezone }))).cohorts) },
    topContent: (await source.periods("content", grain, start, end, async (from, to) => {
      const ranges = periodRanges(grain, from, to);
      return (await contentPieceRanges(connection, ranges)).map((pieces, i) => ({ start: ranges[i].start, top: pieces.slice(0, 10) }));
    }))[0].top,
    anomalies: anomalies.map((a) => ({ ...a, metric: label(a.metric) })),
    movers
  };
}
