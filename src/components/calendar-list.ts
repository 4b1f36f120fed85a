import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { formatMoney, formatPercent } from "./format.js";
import { localized, pageLocale } from "./locale.js";

const text = {
  "zh-CN": {
    status: { ended: "已结束", running: "进行中", upcoming: "未开始" },
    targets: { gmv: "GMV", orders: "订单", new_users: "新客", uv: "UV" } as Record<string, string>,
    when: { upcoming: (n: number) => `${n} 天后开始`, running: (n: number) => `剩 ${n} 天`, ended: (n: number) => `${n} 天前结束` },
    header: ["状态", "名称", "日期", "目标", "GMV / 达成"],
    festival: "节日",
    campaign: "活动",
    to: "至",
    retro: "复盘 →",
    // Opsbook's built-in calendar (src/operations/festivals.ts) is written in Chinese.
    names: {} as Record<string, string>
  },
  "en-US": {
    status: { ended: "Ended", running: "Running", upcoming: "Upcoming" },
    targets: { gmv: "GMV", orders: "Orders", new_users: "New customers", uv: "UV" } as Record<string, string>,
    when: { upcoming: (n: number) => `starts in ${n} day${n === 1 ? "" : "s"}`, running: (n: number) => `${n} day${n === 1 ? "" : "s"} left`, ended: (n: number) => `ended ${n} day${n === 1 ? "" : "s"} ago` },
    header: ["Status", "Name", "Dates", "Targets", "GMV / achieved"],
    festival: "Holiday",
    campaign: "Campaign",
    to: "to",
    retro: "Review →",
    names: {
      元旦: "New Year's Day", 年货节: "New Year shopping festival", 春节: "Spring Festival", 元宵节: "Lantern Festival", "38女神节": "Women's Day sale (3.8)",
      清明节: "Qingming Festival", 五一劳动节: "Labour Day", 520: "520 (love day)", "618年中大促": "618 mid-year sale", 端午节: "Dragon Boat Festival",
      七夕: "Qixi (Chinese Valentine's Day)", "99划算节": "99 sale", 中秋节: "Mid-Autumn Festival", 国庆节: "National Day", 双11: "Double 11", 双12: "Double 12", 圣诞节: "Christmas",
      节假日: "Public holiday", 节日: "Festival", 电商大促: "Shopping festival", 营销节点: "Marketing date", 大促: "Major sale"
    } as Record<string, string>
  }
};

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

/** An entry's name on this page: festivals are Opsbook's own calendar, campaign names are data. */
export function entryName(d: Pick<CalendarEntry, "kind" | "name">): string {
  return d.kind === "festival" ? localized(text).names[d.name] ?? d.name : d.name;
}

/** A Gantt-style strip: each campaign or festival from start to end, coloured by status, with today marked. */
export function calendarTimeline(items: CalendarEntry[], { width, today }: { width?: number; today: string }) {
  const day = (s: string) => new Date(s + "T00:00:00");
  const t = localized(text);
  const data = items.map((d) => ({ ...d, name: entryName(d), status_label: t.status[d.status], from: day(d.start), to: new Date(day(d.end).getTime() + 86400000) }));
  return Plot.plot({
    width,
    height: 24 * data.length + 50,
    marginLeft: 150,
    x: { type: "time", label: null, grid: true },
    y: { label: null, domain: data.map((d) => `${d.name}`) },
    color: { domain: [t.status.ended, t.status.running, t.status.upcoming], range: [statusColor.ended, statusColor.running, statusColor.upcoming], legend: true },
    marks: [
      Plot.barX(data, { x1: "from", x2: "to", y: "name", fill: "status_label", fillOpacity: (d: CalendarEntry) => (d.kind === "campaign" ? 1 : 0.45), tip: true }),
      Plot.ruleX([day(today)], { stroke: "black", strokeDasharray: "3 3" })
    ]
  });
}


/** The list under the timeline: status, dates, targets and the link to each campaign's retrospective. Text is escaped by htl. */
export function calendarList(items: CalendarEntry[]): HTMLElement {
  const s = localized(text);
  const when = (d: CalendarEntry) => s.when[d.status](d.days);
  const targets = (t: Record<string, number> | null) => (t ? Object.entries(t).map(([k, v]) => `${s.targets[k] ?? k} ${k === "gmv" ? formatMoney(v) : v.toLocaleString(pageLocale())}`).join(" · ") : "");
  // Festival types are Opsbook's own calendar too; campaign types are data.
  const type = (d: CalendarEntry) => (d.kind === "festival" ? s.names[d.type ?? ""] ?? d.type ?? s.festival : d.type ?? s.campaign);
  return html`<table class="calendar-list">
    <thead><tr>${s.header.map((h) => html`<th>${h}</th>`)}<th></th></tr></thead>
    <tbody>${items.map((d) => html`<tr class=${`status-${d.status}`}>
      <td><span class="status-dot" style=${`background:${statusColor[d.status]}`}></span>${s.status[d.status]}<br><small class="muted">${when(d)}</small></td>
      <td>${entryName(d)} <small class="muted">${type(d)}</small></td>
      <td>${d.start === d.end ? d.start : `${d.start} ${s.to} ${d.end}`}</td>
      <td>${targets(d.targets)}</td>
      <td>${d.gmv === null ? "" : `${formatMoney(d.gmv)}${d.gmv_achievement === null ? "" : ` · ${formatPercent(d.gmv_achievement)}`}`}</td>
      <td>${d.retro ? html`<a href=${"." + d.retro}>${s.retro}</a>` : ""}</td>
    </tr>`)}</tbody>
  </table>`;
}
