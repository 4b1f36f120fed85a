import { html } from "htl";
import { delta, type DeltaOptions } from "./delta.js";

export interface KpiCardOptions extends DeltaOptions {
  title: string;
  /** The formatted headline value. */
  value: string;
  /** Change versus the previous period, or null when there is nothing to compare with. */
  change?: number | null;
  changeLabel?: string;
  note?: string;
}

/** A card's contents: title, big number, and the change against the previous period. */
export function kpiCard({ title, value, change = null, changeLabel = "环比", note, ...deltaOptions }: KpiCardOptions): HTMLElement {
  return html`<div class="kpi">
    <h2>${title}</h2>
    <span class="big">${value}</span>
    <div>${delta(change, { ...deltaOptions, label: changeLabel })}</div>
    ${note ? html`<div class="muted small">${note}</div>` : ""}
  </div>`;
}
