import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { dataTable } from "./data-table.js";
import { formatDuration, formatNumber, formatPercent } from "./format.js";
import { funnelChart, type FunnelChartStep } from "./funnel-chart.js";
import { localized } from "./locale.js";
import { noData } from "./no-data.js";

interface Step extends FunnelChartStep {
  median_seconds_from_previous: number | null;
  avg_seconds_from_previous: number | null;
}
export interface FunnelBlockData {
  title: string | null;
  missing?: boolean;
  funnel?: { steps: Step[]; breakdown: { value: string; steps: Step[] }[] };
  timeToConvert?: { bins: { start_seconds: number; end_seconds: number; users: number }[] } | null;
  breakdownBy?: string | null;
}

const text = {
  "zh-CN": {
    // Names of the event columns a funnel is usually broken down by.
    breakdownNames: { channel: "渠道", platform: "平台", page: "页面", region: "地区" } as Record<string, string>,
    group: "分组",
    overall: "总转化率",
    open: "（",
    close: "）",
    worst: "；流失最多的一步：",
    comma: "，",
    conversion: "转化率",
    header: { name: "步骤", count: "用户数", conversion_from_previous: "步骤转化率", conversion_from_first: "总转化率", median_seconds_from_previous: "中位耗时" },
    by: (by: string) => `按${by}拆分（首次触达）`,
    timeToConvert: (from: string, to: string) => `转化耗时分布（${from}→${to}）`,
    time: "耗时",
    users: "用户数",
    binHeader: { start_seconds: "起（秒）", end_seconds: "止（秒）", users: "用户数" }
  },
  "en-US": {
    breakdownNames: { channel: "channel", platform: "platform", page: "page", region: "region" } as Record<string, string>,
    group: "group",
    overall: "Overall conversion",
    open: " (",
    close: ")",
    worst: "; largest drop-off: ",
    comma: ", ",
    conversion: "conversion",
    header: { name: "Step", count: "Users", conversion_from_previous: "Step conversion", conversion_from_first: "Overall conversion", median_seconds_from_previous: "Median time" },
    by: (by: string) => `By ${by} (first touch)`,
    timeToConvert: (from: string, to: string) => `Time to convert (${from}→${to})`,
    time: "Time",
    users: "Users",
    binHeader: { start_seconds: "From (s)", end_seconds: "To (s)", users: "Users" }
  }
};

/** Which step loses the most: the step whose conversion from the previous one is lowest. */
export function largestDropOff(steps: Step[]): { from: string; to: string; rate: number } | null {
  let worst: { from: string; to: string; rate: number } | null = null;
  for (let i = 1; i < steps.length; i++) {
    const rate = steps[i].conversion_from_previous;
    if (rate != null && (!worst || rate < worst.rate)) worst = { from: steps[i - 1].name, to: steps[i].name, rate };
  }
  return worst;
}

/** What a ```funnel block draws: the funnel, its largest drop-off in words, the breakdown and time to convert. */
export function funnelBlock(data: FunnelBlockData, { width }: { width?: number } = {}): HTMLElement {
  const steps = data.funnel?.steps ?? [];
  if (data.missing || !steps.length) return html`<div class="card">${data.title ? html`<h2>${data.title}</h2>` : ""}${noData()}</div>`;
  const worst = largestDropOff(steps);
  const last = steps[steps.length - 1];
  const breakdown = (data.funnel?.breakdown ?? []).map((b) => ({
    value: b.value,
    ...Object.fromEntries(b.steps.map((s) => [s.name, s.count])),
    overall: b.steps[b.steps.length - 1]?.conversion_from_first ?? null
  }));
  const bins = data.timeToConvert?.bins ?? [];
  const t = localized(text);
  const by = data.breakdownBy ? t.breakdownNames[data.breakdownBy] ?? data.breakdownBy : t.group;
  return html`<div class="funnel-block">
    <div class="card">
      ${data.title ? html`<h2>${data.title}</h2>` : ""}
      <p class="funnel-summary">${t.overall} <strong>${formatPercent(last.conversion_from_first)}</strong>${t.open}${formatNumber(steps[0].count)} → ${formatNumber(last.count)}${t.close}${worst ? html`${t.worst}<strong>${worst.from}→${worst.to}</strong>${t.comma}${t.conversion} ${formatPercent(worst.rate)}` : ""}</p>
      ${funnelChart(steps, { width })}
      ${dataTable(steps.map((s) => ({ ...s })), {
        columns: ["name", "count", "conversion_from_previous", "conversion_from_first", "median_seconds_from_previous"],
        header: t.header,
        format: { count: (v) => formatNumber(v as number), conversion_from_previous: (v) => formatPercent(v as number), conversion_from_first: (v) => formatPercent(v as number), median_seconds_from_previous: (v) => formatDuration(v as number) },
        filename: "funnel.csv"
      })}
    </div>
    ${breakdown.length
      ? html`<div class="card"><h2>${t.by(by)}</h2>${dataTable(breakdown, {
          columns: ["value", ...steps.map((s) => s.name), "overall"],
          header: { value: by, overall: t.overall },
          format: { overall: (v) => formatPercent(v as number) },
          filename: "funnel-breakdown.csv"
        })}</div>`
      : ""}
    ${bins.length
      ? html`<div class="card"><h2>${t.timeToConvert(steps[0].name, last.name)}</h2>${Plot.plot({
          width,
          height: 200,
          marginLeft: 48,
          x: { label: t.time, tickFormat: (d: number) => formatDuration(d) },
          y: { label: t.users, grid: true },
          marks: [Plot.rectY(bins, { x1: "start_seconds", x2: "end_seconds", y: "users", fill: "#4c9be8", tip: true }), Plot.ruleY([0])]
        })}${dataTable(bins, { header: t.binHeader, filename: "time-to-convert.csv" })}</div>`
      : ""}
  </div>`;
}
