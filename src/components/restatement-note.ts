import { html } from "htl";

export interface RestatementInfo {
  week: string;
  restatedAt?: string;
  changes: { metric: string; old: number | null; new: number | null }[];
}

const labels: Record<string, string> = { gmv: "GMV", uv: "访客数 UV", orders: "支付订单数", payers: "支付用户数", conversion_rate: "支付转化率", detail: "明细" };
const show = (x: number | null) => (x === null ? "—" : Number.isInteger(x) ? String(x) : String(Math.round(x * 10000) / 10000));

/**
 * The notice a restated closed week carries: these figures replaced the ones first published,
 * which management may already have read.
 */
export function restatementNote(info: RestatementInfo | null | undefined): HTMLElement | string {
  if (!info) return "";
  return html`<div class="note restatement" data-restated="${info.week}">
    <strong>已重述（restated）</strong>：本周数据在发布后收到迟到数据，${info.restatedAt ? `于 ${info.restatedAt.slice(0, 10)} ` : ""}按 <code>opsbook build --restate ${info.week}</code> 更新。
    <ul>${info.changes.map((c) => html`<li>${labels[c.metric] ?? c.metric}：原 ${show(c.old)} → 现 ${show(c.new)}</li>`)}</ul>
  </div>`;
}
