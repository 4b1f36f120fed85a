import { html } from "htl";
import { dataTable } from "./data-table.js";
import { noData } from "./no-data.js";
import { retentionHeatmap, type RetentionCohort } from "./retention-heatmap.js";

export interface RetentionBlockData {
  title: string | null;
  missing?: boolean;
  retention?: { cohorts: RetentionCohort[] };
  period?: string;
}

const unit: Record<string, string> = { day: "天", week: "周", month: "月" };

/** What a ```retention block draws: the cohort heatmap and its table. */
export function retentionBlock(data: RetentionBlockData, { width }: { width?: number } = {}): HTMLElement {
  const cohorts = data.retention?.cohorts ?? [];
  if (data.missing || !cohorts.length) return html`<div class="card">${data.title ? html`<h2>${data.title}</h2>` : ""}${noData()}</div>`;
  const u = unit[data.period ?? "week"] ?? "期";
  const label = (k: number) => `第${k}${u}`;
  const rows = cohorts.map((c) => ({ start: c.start, size: c.size, ...Object.fromEntries(c.values.slice(1).map((v, i) => [label(i + 1), v == null || !c.size ? null : Math.round((v / c.size) * 1000) / 10])) }));
  return html`<div class="card retention-block">
    ${data.title ? html`<h2>${data.title}</h2>` : ""}
    ${retentionHeatmap(cohorts, { width, periodLabel: label })}
    <details><summary>明细（%）</summary>${dataTable(rows, { header: { start: "批次", size: "人数" }, filename: "retention.csv" })}</details>
  </div>`;
}
