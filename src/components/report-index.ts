import { html } from "htl";
import { localized } from "./locale.js";

const text = {
  "zh-CN": { partial: "进行中", weekly: "周报", monthly: "月报", retros: "活动复盘" },
  "en-US": { partial: "in progress", weekly: "Weekly reports", monthly: "Monthly reports", retros: "Campaign reviews" }
};

interface Site {
  weeks: { week: string; start: string; end: string; partial: boolean }[];
  months: { month: string; partial: boolean }[];
  campaigns: { slug: string; name: string; start: string | null; end: string | null }[];
}

/** Links to every generated report, newest first; campaign names are exports, set as text. */
export function reportIndex({ weeks, months, campaigns }: Site): HTMLElement {
  const t = localized(text);
  const badge = (partial: boolean) => (partial ? html`<span class="partial-badge">${t.partial}</span>` : "");
  return html`<div class="grid grid-cols-3 report-index">
    <div class="card"><h2>${t.weekly}</h2><ul>${weeks.map((w) => html`<li><a href=${`./weekly/${w.week}`}>${w.week}</a> <span class="muted">${w.start.slice(5)} ~ ${w.end.slice(5)}</span> ${badge(w.partial)}</li>`)}</ul></div>
    <div class="card"><h2>${t.monthly}</h2><ul>${months.map((m) => html`<li><a href=${`./monthly/${m.month}`}>${m.month}</a> ${badge(m.partial)}</li>`)}</ul></div>
    <div class="card"><h2>${t.retros}</h2><ul>${campaigns.map((c) => html`<li><a href=${`./retros/${c.slug}`}>${c.name}</a> <span class="muted">${c.start ?? ""}</span></li>`)}</ul></div>
  </div>`;
}
