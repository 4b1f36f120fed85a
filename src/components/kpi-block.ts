import { html } from "htl";
import { dataTable } from "./data-table.js";
import { formatChange, formatPercent, formatPoints, formatValue, type Unit } from "./format.js";
import { kpiCard } from "./kpi-card.js";
import { kpiName } from "./kpi-names.js";
import { localized } from "./locale.js";
import { noData } from "./no-data.js";

export interface KpiBlockValue {
  key: string;
  label: string;
  unit: Unit;
  value: number | null;
  target: number | null;
  change: number | null;
  yoyChange: number | null;
  achievement: number | null;
  downIsGood: boolean;
}
export interface KpiBlockData {
  title: string | null;
  missing?: boolean;
  report?: { kpis: KpiBlockValue[]; partial: boolean; daysCovered: number };
  series?: Record<string, (number | null)[]>;
}

const text = {
  "zh-CN": {
    target: "目标",
    partial: (days: number) => `本期进行中：已覆盖 ${days} 天`,
    header: { label: "指标", value: "本期", previous: "上期", change: "环比", yearAgo: "去年同期", yoy: "同比", target: "目标", achievement: "达成率" }
  },
  "en-US": {
    target: "target",
    partial: (days: number) => `In progress: ${days} day${days === 1 ? "" : "s"} so far`,
    header: { label: "Metric", value: "This period", previous: "Previous", change: "vs prev.", yearAgo: "Year ago", yoy: "YoY", target: "Target", achievement: "Achieved" }
  }
};

/** One KPI card per metric: value, 环比/同比 (rates in 百分点), target achievement and a sparkline. */
export function kpiCards(kpis: KpiBlockValue[], series: Record<string, (number | null)[]> = {}, { upColor = "red" }: { upColor?: "red" | "green" } = {}): HTMLElement {
  return html`<div class="grid grid-cols-4 kpi-row">${kpis.map((k) => html`<div class="card">${kpiCard({
    title: kpiName(k),
    value: formatValue(k.value, k.unit),
    change: k.change,
    yoyChange: k.yoyChange,
    kind: k.unit === "rate" ? "points" : "relative",
    downIsGood: k.downIsGood,
    upColor,
    achievement: k.achievement,
    target: k.target == null ? null : `${localized(text).target} ${formatValue(k.target, k.unit)}`,
    series: series[k.key]
  })}</div>`)}</div>`;
}

/** What a ```kpi block draws: a row of KPI cards. */
export function kpiBlock(data: KpiBlockData): HTMLElement {
  const kpis = data.report?.kpis ?? [];
  if (data.missing || !kpis.length) return html`<div class="card">${data.title ? html`<h2>${data.title}</h2>` : ""}${noData()}</div>`;
  return html`<div>${data.title ? html`<h3>${data.title}</h3>` : ""}${data.report?.partial ? html`<p class="muted small">${localized(text).partial(data.report.daysCovered)}</p>` : ""}${kpiCards(kpis, data.series)}</div>`;
}

/** Every KPI of a report as one sortable table, for the details below the cards. */
export function kpiTable(kpis: (KpiBlockValue & { previous: number | null; yearAgo: number | null })[]): HTMLElement {
  return dataTable(kpis.map((k) => ({ label: kpiName(k), value: formatValue(k.value, k.unit), previous: formatValue(k.previous, k.unit), change: k.unit === "rate" ? formatPoints(k.change) : formatChange(k.change), yearAgo: formatValue(k.yearAgo, k.unit), yoy: k.unit === "rate" ? formatPoints(k.yoyChange) : formatChange(k.yoyChange), target: formatValue(k.target, k.unit), achievement: formatPercent(k.achievement, 0) })), {
    header: localized(text).header,
    filename: "kpis.csv"
  });
}
