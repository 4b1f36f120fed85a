import { html } from "htl";
import { dataTable } from "./data-table.js";
import { localized } from "./locale.js";
import { noData } from "./no-data.js";
import { retentionHeatmap, type RetentionCohort } from "./retention-heatmap.js";

export interface RetentionBlockData {
  title: string | null;
  missing?: boolean;
  retention?: { cohorts: RetentionCohort[] };
  period?: string;
}

const text = {
  "zh-CN": { label: (period: string, k: number) => `第${k}${({ day: "天", week: "周", month: "月" } as Record<string, string>)[period] ?? "期"}`, detail: "明细（%）", header: { start: "批次", size: "人数" } },
  "en-US": { label: (period: string, k: number) => `${({ day: "Day", week: "Wk", month: "Mo" } as Record<string, string>)[period] ?? "P"} ${k}`, detail: "Detail (%)", header: { start: "Cohort", size: "Size" } }
};

/** What a ```retention block draws: the cohort heatmap and its table. */
export function retentionBlock(data: RetentionBlockData, { width }: { width?: number } = {}): HTMLElement {
  const cohorts = data.retention?.cohorts ?? [];
  if (data.missing || !cohorts.length) return html`<div class="card">${data.title ? html`<h2>${data.title}</h2>` : ""}${noData()}</div>`;
  const t = localized(text);
  const label = (k: number) => t.label(data.period ?? "week", k);
  const rows = cohorts.map((c) => ({ start: c.start, size: c.size, ...Object.fromEntries(c.values.slice(1).map((v, i) => [label(i + 1), v == null || !c.size ? null : Math.round((v / c.size) * 1000) / 10])) }));
  return html`<div class="card retention-block">
    ${data.title ? html`<h2>${data.title}</h2>` : ""}
    ${retentionHeatmap(cohorts, { width, periodLabel: label })}
    <details><summary>${t.detail}</summary>${dataTable(rows, { header: t.header, filename: "retention.csv" })}</details>
  </div>`;
}
