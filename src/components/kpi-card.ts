import { html } from "htl";
import { delta, type DeltaOptions } from "./delta.js";
import { formatPercent } from "./format.js";
import { localized } from "./locale.js";
import { sparkline } from "./sparkline.js";

export interface KpiCardOptions extends DeltaOptions {
  title: string;
  /** The formatted headline value. */
  value: string;
  /** Change versus the previous period, or null when there is nothing to compare with. */
  change?: number | null;
  changeLabel?: string;
  /** Change versus the same period a year ago. */
  yoyChange?: number | null;
  yoyLabel?: string;
  /** actual ÷ target (target ÷ actual for down-is-good metrics), as the metric computes it. */
  achievement?: number | null;
  /** The formatted target, shown beside the achievement. */
  target?: string | null;
  achievementLabel?: string;
  /** Recent periods, oldest first, ending with this one. */
  series?: (number | null)[];
  note?: string;
}

const t = () => localized({
  "zh-CN": { vsPrevious: "环比", vsYearAgo: "同比", achievement: "目标达成" },
  "en-US": { vsPrevious: "vs prev.", vsYearAgo: "YoY", achievement: "Achieved" }
});

/** A card's contents: title, big number, 环比/同比, target achievement and a sparkline. */
export function kpiCard({ title, value, change = null, changeLabel = t().vsPrevious, yoyChange, yoyLabel = t().vsYearAgo, achievement, target, achievementLabel = t().achievement, series, note, ...deltaOptions }: KpiCardOptions): HTMLElement {
  const reached = achievement != null && achievement >= 1;
  return html`<div class="kpi">
    <h2>${title}</h2>
    <div class="kpi-main"><span class="big">${value}</span>${series && series.filter((v) => v != null).length > 1 ? html`<span class="kpi-spark">${sparkline(series, { width: 96, height: 30 })}</span>` : ""}</div>
    <div class="kpi-deltas">${delta(change, { ...deltaOptions, label: changeLabel })}${yoyChange !== undefined ? delta(yoyChange, { ...deltaOptions, label: yoyLabel }) : ""}</div>
    ${achievement != null
      ? html`<div class="kpi-target" title=${target ?? ""}>
          <span class="muted small">${achievementLabel} ${formatPercent(achievement, 0)}${target ? ` · ${target}` : ""}</span>
          <div class="meter"><div class=${reached ? "meter-fill reached" : "meter-fill"} style=${{ width: `${Math.min(100, Math.max(0, achievement * 100))}%` }}></div></div>
        </div>`
      : ""}
    ${note ? html`<div class="muted small">${note}</div>` : ""}
  </div>`;
}
