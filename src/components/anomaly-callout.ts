import { html } from "htl";
import { formatNumber } from "./format.js";

export interface AnomalyItem {
  date: string;
  metric: string;
  value: number;
  mean: number;
  z: number;
  direction: string;
}

/** One warning per anomaly, in words: which metric, which day, how far from normal. */
export function anomalyCallout(items: AnomalyItem[], { title = "异常提醒", empty = "本期未发现异常波动。", above = "高于", below = "低于", normal = "近期均值" } = {}): HTMLElement {
  if (!items.length) return html`<div class="note anomaly-none">${empty}</div>`;
  return html`<div class="warning anomaly-callout" label=${title}>
    <ul>${items.map((a) => html`<li><strong>${a.date} ${a.metric}</strong>：${formatNumber(a.value)}，${a.direction === "down" || a.z < 0 ? below : above}${normal} ${formatNumber(a.mean)}（z = ${a.z.toFixed(1)}）</li>`)}</ul>
  </div>`;
}
