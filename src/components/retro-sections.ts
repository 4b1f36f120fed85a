import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { dataTable } from "./data-table.js";
import { formatDate, formatMoney, formatNumber, formatPercent } from "./format.js";
import { funnelChart } from "./funnel-chart.js";
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

const metricNames: Record<string, string> = { gmv: "GMV", orders: "订单数", new_users: "新增用户", uv: "访客数", payers: "支付用户数" };

/** The campaign's dates, cost and ROI in one line above the sections. */
export function retroSummary(campaign: Campaign, review: Review | null): HTMLElement {
  return html`<div>
    <p class="period-header muted">活动编号 ${campaign.id} · ${formatDate(campaign.start)} 至 ${formatDate(campaign.end)}</p>
    ${review ? html`<div class="grid grid-cols-4 kpi-row">
      <div class="card"><div class="kpi"><h2>活动 GMV</h2><span class="big">${formatMoney(review.lift[0]?.campaign_gmv ?? null)}</span></div></div>
      <div class="card"><div class="kpi"><h2>增量 GMV（对比前 4 周）</h2><span class="big">${formatMoney(review.lift.find((l) => l.baseline === "trailing4w")?.incremental_gmv ?? null)}</span></div></div>
      <div class="card"><div class="kpi"><h2>成本</h2><span class="big">${formatMoney(review.cost)}</span></div></div>
      <div class="card"><div class="kpi"><h2>ROI</h2><span class="big">${review.roi == null ? "—" : review.roi.toFixed(2)}</span><div class="muted small">（增量 GMV − 成本）÷ 成本</div></div></div>
    </div>` : ""}
  </div>`;
}

/** Target vs actual per metric, with achievement. */
export function retroTargets(targets: Review["targets"]): HTMLElement {
  if (!targets.length) return noData("该活动未设定目标");
  return html`<div class="card">${dataTable(targets.map((t) => ({ ...t, metric: metricNames[t.metric] ?? t.metric })), {
    header: { metric: "指标", target: "目标", actual: "实际", achievement: "达成率" },
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
  return funnelChart(known.map((s, i) => ({ name: s.step, count: s.users, conversion_from_first: first ? s.users / first : null, conversion_from_previous: i && known[i - 1].users ? s.users / known[i - 1].users : null })), { width });
}

/** Daily GMV during the campaign against the baseline, with the lift table. */
export function liftChart(review: Review, { width }: { width?: number } = {}): HTMLElement {
  const daily = review.daily.map((d) => ({ ...d, date: new Date(`${d.date}T00:00:00`) }));
  return html`<div>${daily.length ? Plot.plot({
    width,
    height: 240,
    marginLeft: 56,
    x: { label: null, tickFormat: (d: Date) => `${d.getMonth() + 1}/${d.getDate()}` },
    y: { grid: true, label: "GMV（元）", tickFormat: "~s" },
    color: { domain: ["活动 GMV", "基线 GMV"], range: ["#e4572e", "#999"], legend: true },
    marks: [
      Plot.areaY(daily, { x: "date", y: "gmv", fill: "#e4572e", fillOpacity: 0.15 }),
      Plot.lineY(daily, { x: "date", y: "gmv", stroke: () => "活动 GMV", tip: true }),
      Plot.lineY(daily, { x: "date", y: "baseline_gmv", stroke: () => "基线 GMV", strokeDasharray: "4 3" }),
      Plot.ruleY([0])
    ]
  }) : noData()}
  ${dataTable(review.lift, {
    header: { baseline: "基线", baseline_gmv: "基线 GMV", campaign_gmv: "活动 GMV", incremental_gmv: "增量 GMV", lift: "提升" },
    format: { baseline: (v) => (v === "before" ? "活动前同长度" : v === "trailing4w" ? "前 4 周日均" : String(v)), baseline_gmv: (v) => formatMoney(v as number), campaign_gmv: (v) => formatMoney(v as number), incremental_gmv: (v) => formatMoney(v as number), lift: (v) => formatPercent(v as number) },
    filename: "lift.csv"
  })}</div>`;
}
