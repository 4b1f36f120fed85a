import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays, daysBetween } from "../calendar.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import { dailyGmv } from "./daily-gmv.ts";
import { namedKpiRows, type KpiRows } from "./kpi-report.ts";
import type { Period } from "./period.ts";

export interface CampaignReview {
  campaign: { campaign_id: string; name: string; type: string | null; start_date: string; end_date: string; days: number; budget: number | null; targets: Record<string, number> };
  /** Each target in campaigns.targets against the whole site's actual over the campaign days. */
  targets: { metric: string; target: number; actual: number | null; achievement: number | null }[];
  /** 曝光 and 点击 are ad-platform counts (spend rows tagged with the campaign); 参与 = visitors (UV) during the campaign; 转化 = paying users. */
  funnel: { step: string; users: number | null }[];
  lift: { baseline: "before" | "trailing4w"; baseline_gmv: number; campaign_gmv: number; incremental_gmv: number; lift: number | null }[];
  daily: { date: string; gmv: number; orders: number; baseline_gmv: number }[];
  /** GMV of paid orders tagged with this campaign. */
  attributed_gmv: number;
  spend: number;
  budget: number | null;
  /** Tagged spend, or the budget when no spend row names the campaign. */
  cost: number | null;
  cost_source: "spend" | "budget" | null;
  /** (incremental GMV over the trailing-4-week baseline − cost) ÷ cost. */
  roi: number | null;
}

const cents = (x: number) => Math.round(x * 100) / 100;

async function gmvBetween(connection: DuckDBConnection, { start, end }: Period): Promise<number> {
  const [row] = await queryRows(connection, {
    sql: `select coalesce(sum(amount), 0)::double as gmv from orders where status = 'paid' and ts >= $start::date::timestamptz and ts < $end::date::timestamptz`,
    params: { start, end }
  });
  return row.gmv as number;
}

/**
 * 活动复盘 of one campaign: target achievement, funnel, lift over two baselines (the same number of
 * days just before, and the trailing 4 weeks' daily mean × campaign days), incremental GMV, cost, ROI.
 * `kpiRows` lets a build share what its KPI queries have in common (see computeKpiReport).
 */
export async function computeCampaignReview(connection: DuckDBConnection, campaignId: string, kpiRows: KpiRows = namedKpiRows(connection)): Promise<CampaignReview> {
  const [row] = await queryRows(connection, { sql: `select * from campaigns where campaign_id = $id`, params: { id: campaignId } });
  if (!row) {
    const known = await queryRows(connection, { sql: `select campaign_id from campaigns order by start_date` });
    throw new Error(`no campaign ${JSON.stringify(campaignId)} (known: ${known.map((k) => k.campaign_id).join(", ") || "none — load campaigns.csv"})`);
  }
  const start = row.start_date as string;
  const end = addDays(row.end_date as string, 1);
  const days = daysBetween(start, end);
  const targets = parseTargets(row.targets, campaignId);

  const [actual] = await kpiRows([["campaign", { start, end }]]);
  const [ads] = await queryRows(connection, {
    sql: `select sum(impressions) as impressions, sum(clicks) as clicks, coalesce(sum(cost), 0)::double as spend, count(*) as rows from spend where campaign_id = $id`,
    params: { id: campaignId }
  });
  const [tagged] = await queryRows(connection, {
    sql: `select count(*) as orders, count(distinct user_id) as payers, coalesce(sum(amount), 0)::double as gmv from orders where campaign_id = $id and status = 'paid'`,
    params: { id: campaignId }
  });

  const campaignGmv = actual.gmv as number;
  const before = await gmvBetween(connection, { start: addDays(start, -days), end: start });
  const trailingDaily = (await gmvBetween(connection, { start: addDays(start, -28), end: start })) / 28;
  const lift = [
    { baseline: "before" as const, baseline_gmv: before },
    { baseline: "trailing4w" as const, baseline_gmv: trailingDaily * days }
  ].map(({ baseline, baseline_gmv }) => ({
    baseline,
    baseline_gmv: cents(baseline_gmv),
    campaign_gmv: cents(campaignGmv),
    incremental_gmv: cents(campaignGmv - baseline_gmv),
    lift: baseline_gmv ? (campaignGmv - baseline_gmv) / baseline_gmv : null
  }));
  const daily = (await queryRows(connection, dailyGmv({ start, end }))).map((d: Row) => ({ date: d.date as string, gmv: d.gmv as number, orders: d.orders as number, baseline_gmv: cents(trailingDaily) }));

  const spend = ads.spend as number;
  const budget = (row.budget as number | null) ?? null;
  const cost = (ads.rows as number) > 0 ? spend : budget;
  const incremental = lift[1].incremental_gmv;
  const converters = (tagged.orders as number) > 0 ? (tagged.payers as number) : (actual.payers as number);
  return {
    campaign: { campaign_id: campaignId, name: row.name as string, type: (row.type as string | null) ?? null, start_date: start, end_date: row.end_date as string, days, budget, targets },
    targets: Object.entries(targets).map(([metric, target]) => {
      const value = typeof actual[metric] === "number" ? (actual[metric] as number) : null;
      return { metric, target, actual: value, achievement: value === null || !target ? null : value / target };
    }),
    funnel: [
      { step: "曝光", users: (ads.impressions as number | null) ?? null },
      { step: "点击", users: (ads.clicks as number | null) ?? null },
      { step: "参与", users: actual.uv as number },
      { step: "转化", users: converters }
    ],
    lift,
    daily,
    attributed_gmv: tagged.gmv as number,
    spend,
    budget,
    cost,
    cost_source: (ads.rows as number) > 0 ? "spend" : budget === null ? null : "budget",
    roi: cost ? (incremental - cost) / cost : null
  };
}

function parseTargets(raw: unknown, id: string): Record<string, number> {
  if (raw === null || raw === undefined || raw === "") return {};
  let value: unknown;
  try {
    value = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    throw new Error(`campaign ${id}: targets is not JSON: ${String(raw)}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`campaign ${id}: targets must be an object like {"gmv": 500000}`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`campaign ${id}: targets.${k} must be a number, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}
