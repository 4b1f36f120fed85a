import type { DuckDBConnection } from "@duckdb/node-api";
import type { MetricQuery } from "../warehouse/query-rows.ts";

/**
 * The shapes of the behavioural and business metrics the site reads (see the shared API
 * contracts). Pages load them through optionalMetric, so these are declared here once.
 */
export interface FunnelStep {
  name: string;
  count: number;
  conversion_from_first: number | null;
  conversion_from_previous: number | null;
  median_seconds_from_previous: number | null;
  avg_seconds_from_previous: number | null;
}
export interface FunnelResult {
  steps: FunnelStep[];
  breakdown: { value: string; steps: FunnelStep[] }[];
}
export interface TimeToConvert {
  bins: { start_seconds: number; end_seconds: number; users: number }[];
}
export interface RetentionResult {
  cohorts: { start: string; size: number; values: (number | null)[] }[];
}
export interface LifecycleResult {
  periods: { start: string; new: number; returning: number; resurrecting: number; dormant: number }[];
}
export type Grain = "day" | "week" | "month" | "quarter";
export interface KpiValue {
  key: string;
  label: string;
  unit: "count" | "money" | "rate" | "seconds";
  value: number | null;
  previous: number | null;
  yearAgo: number | null;
  target: number | null;
  change: number | null;
  yoyChange: number | null;
  achievement: number | null;
  downIsGood: boolean;
}
export interface KpiReport {
  grain: Grain;
  period: string;
  start: string;
  end: string;
  partial: boolean;
  daysCovered: number;
  kpis: KpiValue[];
}
export interface RfmResult {
  tiers: { tier: string; customers: number; customer_share: number; revenue: number; revenue_share: number }[];
  grid: { r_score: number; f_score: number; customers: number }[];
}
export interface CampaignReview {
  campaign: Record<string, unknown>;
  targets: { metric: string; target: number | null; actual: number | null; achievement: number | null }[];
  funnel: { step: string; users: number }[];
  lift: { baseline: string; baseline_gmv: number | null; campaign_gmv: number | null; incremental_gmv: number | null; lift: number | null }[];
  daily: { date: string; gmv: number; orders: number; baseline_gmv: number | null }[];
  cost: number | null;
  roi: number | null;
}
export interface Anomaly {
  date: string;
  metric: string;
  value: number;
  mean: number;
  sd: number;
  z: number;
  direction: string;
}

type Conn = DuckDBConnection;
export interface DefinitionsModule {
  parseFunnelDefinition(input: unknown): unknown;
  parseRetentionDefinition(input: unknown): unknown;
  parseLifecycleDefinition(input: unknown): unknown;
}
export interface FunnelModule { computeFunnel(c: Conn, def: unknown): Promise<FunnelResult> }
export interface TimeToConvertModule { computeTimeToConvert(c: Conn, def: unknown, o: { from: number; to: number; bins?: number }): Promise<TimeToConvert> }
export interface RetentionModule { computeRetention(c: Conn, def: unknown): Promise<RetentionResult> }
export interface LifecycleModule { computeLifecycle(c: Conn, def: unknown): Promise<LifecycleResult> }
export interface KpiReportModule { computeKpiReport(c: Conn, o: { grain: Grain; period: string; asOf?: string }): Promise<KpiReport> }
export interface KpiSeriesModule { kpiSeries(o: { grain: Grain; start: string; end: string; keys?: string[] }): MetricQuery }
export interface RfmModule { computeRfm(c: Conn, o: { asOf: string }): Promise<RfmResult> }
export interface ChannelsModule { computeChannels(c: Conn, o: { start: string; end: string }): Promise<unknown> }
export interface CampaignReviewModule { computeCampaignReview(c: Conn, id: string): Promise<CampaignReview> }
export interface ExperimentsModule { computeExperiments(c: Conn): Promise<unknown> }
export interface AnomaliesModule { computeAnomalies(c: Conn, o: { start: string; end: string; k?: number }): Promise<unknown> }
