import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { formatMoney, formatPercent } from "./format.js";

export interface CalendarEntry {
  kind: "campaign" | "festival";
  name: string;
  type: string | null;
  start: string;
  end: string;
  status: "ended" | "running" | "upcoming";
  status_label: string;
  days: number;
  targets: Record<string, number> | null;
  gmv: number | null;
  gmv_achievement: number | null;
  retro: string | null;
}

const statusColor = { ended: "#bab0ac", running: "#e4572e", upcoming: "#4c9be8" };

/** A Gantt-style strip: each campaign or festival from start to end, coloured by status, with today marked. */
export function calendarTimeline(items: CalendarEntry[], { width, today }: { width?: number; today: string }) {
  const day = (s: string) => new Date(s + "T00:00:00");
  const data = items.map((d) => ({ ...d, from: day(d.start), to: new Date(day(d.end).getTime() + 86400000) }));
  return Plot.plot({
    width,
    height: 24 * data.length + 50,
    marginLeft: 150,
    x: { type: "time", label: null, grid: true },
    y: { label: null, domain: data.map((d) => `${d.name}`) },
    color: { domain: ["已结束", "进行中", "未开始"], range: [statusColor.ended, statusColor.running, statusColor.upcoming], legend: true },
    marks: [
      Plot.barX(data, { x1: "from", x2: "to", y: "name", fill: "status_label", fillOpacity: (d: CalendarEntry) => (d.kind === "campaign" ? 1 : 0.45), tip: true }),
      Plot.ruleX([day(today)], { stroke: "black", strokeDasharray: "3 3" })
    ]
  });
}

const targetLabels: Record<string, string> = { gmv: "GMV", orders: "订单", new_users: "新客", uv: "UV" };

/** The list under the timeline: status, dates, targets and the link to each campaign's retrospective. Text is escaped by htl. */
export function calendarList(items: CalendarEntry[]): HTMLElement {
  const when = (d: CalendarEntry) => (d.status === "upcoming" ? `${d.days} 天后开始` : d.status === "running" ? `剩 ${d.days} 天` : `${d.days} 天前结束`);
  const targets = (t: Record<string, number> | null) => (t ? Object.entries(t).map(([k, v]) => `${targetLabels[k] ?? k} ${k === "gmv" ? formatMoney(v) : v.toLocaleString("zh-CN")}`).join(" · ") : "");
  return html`<table class="calendar-list">
    <thead><tr><th>状态</th><th>名称</th><th>日期</th><th>目标</th><th>GMV / 达成</th><th></th></tr></thead>
    <tbody>${items.map((d) => html`<tr class=${`status-${d.status}`}>
      <td><span class="status-dot" style=${`background:${statusColor[d.status]}`}></span>${d.status_label}<br><small class="muted">${when(d)}</small></td>
      <td>${d.name}${d.kind === "festival" ? html` <small class="muted">${d.type ?? "节日"}</small>` : html` <small class="muted">${d.type ?? "活动"}</small>`}</td>
      <td>${d.start === d.end ? d.start : `${d.start} 至 ${d.end}`}</td>
      <td>${targets(d.targets)}</td>
      <td>${d.gmv === null ? "" : `${formatMoney(d.gmv)}${d.gmv_achievement === null ? "" : ` · ${formatPercent(d.gmv_achievement)}`}`}</td>
      <td>${d.retro ? html`<a href=${"." + d.retro}>复盘 →</a>` : ""}</td>
    </tr>`)}</tbody>
  </table>`;
}
