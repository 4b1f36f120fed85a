import { html } from "htl";
import { formatNumber } from "./format.js";
import { kpiName } from "./kpi-names.js";
import { localized } from "./locale.js";

const text = {
  "zh-CN": { title: "异常提醒", empty: "本期未发现异常波动。", above: "高于", below: "低于", normal: "近期均值", colon: "：", comma: "，", open: "（", close: "）" },
  "en-US": { title: "Anomalies", empty: "No unusual swings this period.", above: "above ", below: "below ", normal: "the recent mean", colon: ": ", comma: ", ", open: " (", close: ")" }
};

export interface AnomalyItem {
  date: string;
  metric: string;
  value: number;
  mean: number;
  z: number;
  direction: string;
}

/** One warning per anomaly, in words: which metric, which day, how far from normal. */
export function anomalyCallout(items: AnomalyItem[], { title = localized(text).title, empty = localized(text).empty, above = localized(text).above, below = localized(text).below, normal = localized(text).normal } = {}): HTMLElement {
  if (!items.length) return html`<div class="note anomaly-none">${empty}</div>`;
  const t = localized(text);
  return html`<div class="warning anomaly-callout" label=${title}>
    <ul>${items.map((a) => html`<li><strong>${a.date} ${kpiName({ label: a.metric })}</strong>${t.colon}${formatNumber(a.value)}${t.comma}${a.direction === "down" || a.z < 0 ? below : above}${normal} ${formatNumber(a.mean)}${t.open}z = ${a.z.toFixed(1)}${t.close}</li>`)}</ul>
  </div>`;
}
