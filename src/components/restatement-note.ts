import { html } from "htl";
import { localized } from "./locale.js";

export interface RestatementInfo {
  week: string;
  restatedAt?: string;
  changes: { metric: string; old: number | null; new: number | null }[];
}

const text = {
  "zh-CN": {
    labels: { gmv: "GMV", uv: "访客数 UV", orders: "支付订单数", payers: "支付用户数", conversion_rate: "支付转化率", detail: "明细" } as Record<string, string>,
    restated: "已重述（restated）",
    late: "：本周数据在发布后收到迟到数据，",
    on: (day: string) => `于 ${day} `,
    by: "按 ",
    updated: " 更新。",
    was: "：原 ",
    now: " → 现 "
  },
  "en-US": {
    labels: { gmv: "GMV", uv: "Visitors (UV)", orders: "Paid orders", payers: "Paying users", conversion_rate: "Paid conversion", detail: "Detail" } as Record<string, string>,
    restated: "Restated",
    late: ": late data arrived after this week was published; ",
    on: (day: string) => `on ${day} `,
    by: "updated by ",
    updated: ".",
    was: ": was ",
    now: " → now "
  }
};
const show = (x: number | null) => (x === null ? "—" : Number.isInteger(x) ? String(x) : String(Math.round(x * 10000) / 10000));

/**
 * The notice a restated closed week carries: these figures replaced the ones first published,
 * which management may already have read.
 */
export function restatementNote(info: RestatementInfo | null | undefined): HTMLElement | string {
  if (!info) return "";
  const t = localized(text);
  return html`<div class="note restatement" data-restated="${info.week}">
    <strong>${t.restated}</strong>${t.late}${info.restatedAt ? t.on(info.restatedAt.slice(0, 10)) : ""}${t.by}<code>opsbook build --restate ${info.week}</code>${t.updated}
    <ul>${info.changes.map((c) => html`<li>${t.labels[c.metric] ?? c.metric}${t.was}${show(c.old)}${t.now}${show(c.new)}</li>`)}</ul>
  </div>`;
}
