import * as Plot from "@observablehq/plot";
import { localized, pageLocale } from "./locale.js";

const text = {
  "zh-CN": { to: "本周日 →", from: "上周日", users: "用户数" },
  "en-US": { to: "This Sunday →", from: "Last Sunday", users: "Users" }
};

export interface StageFlow {
  week: string;
  from_stage: string;
  to_stage: string;
  users: number;
}

/**
 * One week's moves as a from × to matrix: each cell is the users who were in the row's stage last
 * Sunday and in the column's stage this Sunday. The diagonal is "stayed"; off-diagonal cells are the
 * flows (e.g. 活跃 → 沉默 is the warning to act on).
 */
export function stageFlowChart(flows: StageFlow[], { width, order, label = (k: string) => k }: { width?: number; order: string[]; label?: (key: string) => string }) {
  const from = ["none", ...order].map(label);
  const to = order.map(label);
  const rows = flows.map((d) => ({ from: label(d.from_stage), to: label(d.to_stage), users: d.users, stay: d.from_stage === d.to_stage }));
  return Plot.plot({
    width,
    height: 44 * from.length + 50,
    marginLeft: 90,
    x: { label: localized(text).to, domain: to, axis: "top" },
    y: { label: localized(text).from, domain: from },
    color: { scheme: "oranges", type: "sqrt", legend: false },
    marks: [
      Plot.cell(rows, { x: "to", y: "from", fill: "users", inset: 1, tip: true }),
      Plot.text(rows, { x: "to", y: "from", text: (d: { users: number }) => d.users.toLocaleString(pageLocale()), fill: (d: { stay: boolean }) => (d.stay ? "#333" : "black"), fontWeight: (d: { stay: boolean }) => (d.stay ? "normal" : "bold") })
    ]
  });
}

/** Users per stage at the end of each week, stacked: how the base shifts between stages over time. */
export function stageTrendChart(flows: StageFlow[], { width, order, label = (k: string) => k, colors }: { width?: number; order: string[]; label?: (key: string) => string; colors?: string[] }) {
  const totals = new Map<string, { week: string; stage: string; users: number }>();
  for (const d of flows) {
    const key = `${d.week}|${d.to_stage}`;
    const t = totals.get(key) ?? { week: d.week, stage: label(d.to_stage), users: 0 };
    t.users += d.users;
    totals.set(key, t);
  }
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 50,
    x: { label: null, type: "band" },
    y: { grid: true, label: localized(text).users },
    color: { domain: order.map(label), range: colors ?? ["#4c9be8", "#59a14f", "#8cd17d", "#f28e2b", "#bab0ac"].slice(-order.length), legend: true },
    marks: [Plot.barY([...totals.values()], { x: "week", y: "users", fill: "stage", order: order.map(label), tip: true }), Plot.ruleY([0])]
  });
}
