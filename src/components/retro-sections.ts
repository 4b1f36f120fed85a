import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { dataTable } from "./data-table.js";
import { formatDate, formatMoney, formatNumber, formatPercent } from "./format.js";
import { funnelChart } from "./funnel-chart.js";
import { kpiName } from "./kpi-names.js";
import { localized } from "./locale.js";
import { noData } from "./no-data.js";

interface Campaign { id: string; name: string; start: string | null; end: string | null }
interface Review {
  targets: { metric: string; target: number | null; actual: number | null; achievement: number | null }[];
  funnel: { step: string; users: number | null }[];
  lift: { baseline: string; baseline_gmv: number | null; campaign_gmv: number | null; incremental_gmv: number | null; lift: number | null }[];
  daily: { date: string; gmv: number; orders: number; baseline_gmv: number | null }[];
  cost: number | null;
  roi: number | null;
}

const text = {
  "zh-CN": {
    campaignId: "活动编号",
    to: "至",
    campaignGmv: "活动 GMV",
    baselineGmv: "基线 GMV",
    incremental: "增量 GMV（对比前 4 周）",
    cost: "成本",
    roiFormula: "（增量 GMV − 成本）÷ 成本",
    noTargets: "该活动未设定目标",
    targetHeader: { metric: "指标", target: "目标", actual: "实际", achievement: "达成率" },
    gmvAxis: "GMV（元）",
    liftHeader: { baseline: "基线", baseline_gmv: "基线 GMV", campaign_gmv: "活动 GMV", incremental_gmv: "增量 GMV", lift: "提升" },
    before: "活动前同长度",
    trailing4w: "前 4 周日均",
    steps: {} as Record<string, string>
  },
  "en-US": {
    campaignId: "Campaign",
    to: "to",
    campaignGmv: "Campaign GMV",
    baselineGmv: "Baseline GMV",
    incremental: "Incremental GMV (vs prior 4 weeks)",
    cost: "Cost",
    roiFormula: "(incremental GMV − cost) ÷ cost",
    noTargets: "This campaign has no targets",
    targetHeader: { metric: "Metric", target: "Target", actual: "Actual", achievement: "Achieved" },
    gmvAxis: "GMV (¥)",
    liftHeader: { baseline: "Baseline", baseline_gmv: "Baseline GMV", campaign_gmv: "Campaign GMV", incremental_gmv: "Incremental GMV", lift: "Lift" },
    before: "Same length before",
    trailing4w: "Prior 4 weeks, daily mean",
    // The review's step names are the metric's (campaign-review.ts), written in Chinese.
    steps: { 曝光: "Impressions", 点击: "Clicks", 参与: "Participants", 转化: "Converted" } as Record<string, string>
  }
};

/** The campaign's dates, cost and ROI in one line above the sections. */
export function retroSummary(campaign: Campaign, review: Review | null): HTMLElement {
  const t = localized(text);
  return html`<div>
    <p class="period-header muted">${t.campaignId} ${campaign.id} · ${formatDate(campaign.start)} ${t.to} ${formatDate(campaign.end)}</p>
    ${review ? html`<div class="grid grid-cols-4 kpi-row">
      <div class="card"><div class="kpi"><h2>${t.campaignGmv}</h2><span class="big">${formatMoney(review.lift[0]?.campaign_gmv ?? null)}</span></div></div>
      <div class="card"><div class="kpi"><h2>${t.incremental}</h2><span class="big">${formatMoney(review.lift.find((l) => l.baseline === "trailing4w")?.incremental_gmv ?? null)}</span></div></div>
      <div class="card"><div class="kpi"><h2>${t.cost}</h2><span class="big">${formatMoney(review.cost)}</span></div></div>
      <div class="card"><div class="kpi"><h2>ROI</h2><span class="big">${review.roi == null ? "—" : review.roi.toFixed(2)}</span><div class="muted small">${t.roiFormula}</div></div></div>
    </div>` : ""}
  </div>`;
}

/** Target vs actual per metric, with achievement. */
export function retroTargets(targets: Review["targets"]): HTMLElement {
  const s = localized(text);
  if (!targets.length) return noData(s.noTargets);
  return html`<div class="card">${dataTable(targets.map((t) => ({ ...t, metric: kpiName({ key: t.metric, label: t.metric }) })), {
    header: s.targetHeader,
    format: { target: (v) => formatNumber(v as number), actual: (v) => formatNumber(v as number), achievement: (v) => formatPercent(v as number, 0) },
    filename: "targets.csv"
  })}</div>`;
}

/** Exposure → participation → conversion as a funnel. */
export function retroFunnel(steps: Review["funnel"], { width }: { width?: number } = {}) {
  // Exposure and clicks exist only when ad spend rows name the campaign.
  const known = steps.filter((s): s is { step: string; users: number } => s.users != null);
  if (!known.length) return noData();
  const first = known[0].users;
  const names = localized(text).steps;
  return funnelChart(known.map((s, i) => ({ name: names[s.step] ?? s.step, count: s.users, conversion_from_first: first ? s.users / first : null, conversion_from_previous: i && known[i - 1].users ? s.users / known[i - 1].users : null })), { width });
}

/** Daily GMV during the campaign against the baseline, with the lift table. */
export function liftChart(review: Review, { width }: { width?: number } = {}): HTMLElement {
  const t = localized(text);
  const daily = review.daily.map((d) => ({ ...d, date: new Date(`${d.date}T00:00:00`) }));
  return html`<div>${daily.length ? Plot.plot({
    width,
    height: 240,
    marginLeft: 56,
    x: { label: null, tickFormat: (d: Date) => `${d.getMonth() + 1}/${d.getDate()}` },
    y: { grid: true, label: t.gmvAxis, tickFormat: "~s" },
    color: { domain: [t.campaignGmv, t.baselineGmv], range: ["#e4572e", "#999"], legend: true },
    marks: [
      Plot.areaY(daily, { x: "date", y: "gmv", fill: "#e4572e", fillOpacity: 0.15 }),
      Plot.lineY(daily, { x: "date", y: "gmv", stroke: () => t.campaignGmv, tip: true }),
      Plot.lineY(daily, { x: "date", y: "baseline_gmv", stroke: () => t.baselineGmv, strokeDasharray: "4 3" }),
      Plot.ruleY([0])
    ]
  }) : noData()}
  ${dataTable(review.lift, {
    header: t.liftHeader,
    format: { baseline: (v) => (v === "before" ? t.before : v === "trailing4w" ? t.trailing4w : String(v)), baseline_gmv: (v) => formatMoney(v as number), campaign_gmv: (v) => formatMoney(v as number), incremental_gmv: (v) => formatMoney(v as number), lift: (v) => formatPercent(v as number) },
    filename: "lift.csv"
  })}</div>`;
}
