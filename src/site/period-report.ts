import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import { dailyGmv } from "../metrics/daily-gmv.ts";
import { previousPeriod, type Period } from "../metrics/period.ts";
import { weeklyKpis } from "../metrics/weekly-kpis.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import { computeRows } from "./call-compute.ts";
import { kpiSparklines } from "./kpi-sparklines.ts";
import { mainFunnel } from "./main-funnel.ts";
import type {
  DefinitionsModule, FunnelModule, FunnelStep, Grain, KpiReport, KpiReportModule, KpiValue, LifecycleModule, LifecycleResult, RetentionModule, RetentionResult
} from "./metric-contracts.ts";
import { optionalMetric } from "./optional-module.ts";

/** The KPIs a weekly or monthly report opens with; the rest are in the table below them. */
export const headlineKeys = ["uv", "new_users", "orders", "gmv", "conversion_rate", "aov", "bounce_rate", "repurchase_rate"];

export interface PeriodReport {
  grain: Grain;
  period: string;
  start: string;
  end: string; // exclusive
  /** Every KPI of the report, for the full table. */
  kpis: KpiValue[];
  /** The cards at the top. */
  headline: KpiValue[];
  partial: boolean;
  daysCovered: number | null;
  series: Record<string, (number | null)[]>;
  daily: Row[];
  channels: Row[] | null;
  funnel: { current: FunnelStep[]; previous: FunnelStep[] } | null;
  lifecycle: LifecycleResult | null;
  retention: RetentionResult | null;
  content: Row[] | null;
  anomalies: Row[] | null;
  /** KPIs that moved most against the previous period, largest first. */
  movers: KpiValue[];
}

/**
 * Everything a weekly or monthly report shows, computed once at build time. Each section whose
 * metric has not landed yet is null, and the page says 暂无数据 there.
 */
export async function periodReport(connection: DuckDBConnection, { grain, period, start, end, timezone }: { grain: "week" | "month"; period: string; timezone: string } & Period): Promise<PeriodReport> {
  const kpiModule = await optionalMetric<KpiReportModule>("kpi-report");
  const report: KpiReport = kpiModule ? await kpiModule.computeKpiReport(connection, { grain, period }) : await legacyKpis(connection, { grain, period, start, end });
  const definitions = await optionalMetric<DefinitionsModule>("definitions");
  const funnelModule = await optionalMetric<FunnelModule>("funnel");
  const lifecycleModule = await optionalMetric<LifecycleModule>("lifecycle");
  const retentionModule = await optionalMetric<RetentionModule>("retention");
  const prev = previousPeriod({ start, end });
  const history = addDays(start, grain === "week" ? -7 * 7 : -31 * 5);

  const funnelSteps = async (p: Period) => (await funnelModule!.computeFunnel(connection, definitions!.parseFunnelDefinition(mainFunnel(p, timezone)))).steps;
  const funnel = definitions && funnelModule ? { current: await funnelSteps({ start, end }), previous: await funnelSteps(prev) } : null;
  const lifecycle = definitions && lifecycleModule
    ? await lifecycleModule.computeLifecycle(connection, definitions.parseLifecycleDefinition({ event: { event: "浏览页面" }, period: grain, from: history, to: end, timezone }))
    : null;
  const retention = definitions && retentionModule
    ? await retentionModule.computeRetention(connection, definitions.parseRetentionDefinition({ start: { event: "浏览页面" }, return: { event: "浏览页面" }, period: grain, periods: grain === "week" ? 6 : 4, type: "first_time", from: history, to: end, timezone }))
    : null;
  const headline = headlineKeys.map((k) => report.kpis.find((v) => v.key === k)).filter((v): v is KpiValue => v !== undefined);
  const movers = report.kpis
    .filter((k) => k.change != null && k.change !== 0)
    .sort((a, b) => Math.abs(b.change!) * (b.unit === "rate" ? 10 : 1) - Math.abs(a.change!) * (a.unit === "rate" ? 10 : 1))
    .slice(0, 3);
  return {
    grain,
    period,
    start,
    end,
    kpis: report.kpis,
    headline,
    partial: report.partial,
    daysCovered: report.daysCovered ?? null,
    series: await kpiSparklines(connection, { ...report, kpis: headline }),
    daily: await queryRows(connection, dailyGmv({ start, end })),
    channels: await computeRows("channel-performance", "computeChannels", connection, { start, end }),
    funnel,
    lifecycle,
    retention,
    content: await computeRows("content-performance", "computeContent", connection, { start, end }),
    anomalies: await computeRows("anomalies", "computeAnomalies", connection, { start, end }),
    movers
  };
}

/** The skeleton's four KPIs in the report shape, used until kpi-report.ts lands. */
async function legacyKpis(connection: DuckDBConnection, { grain, period, start, end }: { grain: Grain; period: string } & Period): Promise<KpiReport> {
  const [current, previous] = await queryRows(connection, weeklyKpis({ start, end }));
  const kpi = (key: string, label: string, unit: KpiValue["unit"]): KpiValue => {
    const value = (current?.[key] as number | null) ?? null;
    const before = (previous?.[key] as number | null) ?? null;
    const change = value == null || before == null ? null : unit === "rate" ? value - before : before === 0 ? null : (value - before) / before;
    return { key, label, unit, value, previous: before, yearAgo: null, target: null, change, yoyChange: null, achievement: null, downIsGood: false };
  };
  return {
    grain, period, start, end, partial: false, daysCovered: 0,
    kpis: [kpi("uv", "访客数 UV", "count"), kpi("orders", "支付订单数", "count"), kpi("gmv", "GMV", "money"), kpi("conversion_rate", "支付转化率", "rate")]
  };
}
