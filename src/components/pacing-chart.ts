import * as Plot from "@observablehq/plot";
import { localized } from "./locale.js";

const text = {
  "zh-CN": { gmv: "累计 GMV（元）", tick: (x: number) => (x >= 1e4 ? `${x / 1e4}万` : String(x)), actual: "实际", pace: "目标进度", orders: "每小时订单" },
  "en-US": { gmv: "Cumulative GMV (¥)", tick: (x: number) => (x >= 1e3 ? `${x / 1e3}K` : String(x)), actual: "Actual", pace: "Target pace", orders: "Orders per hour" }
};

export interface PacingHour {
  hour: string;
  cumulative_gmv: number;
  target_pace: number | null;
  orders: number;
}

/** Cumulative GMV hour by hour against the straight line to the GMV target (时间进度). */
export function pacingChart(hours: PacingHour[], { width, height = 280 }: { width?: number; height?: number } = {}) {
  const t = localized(text);
  const data = hours.map((h) => ({ ...h, time: new Date(h.hour) }));
  return Plot.plot({
    width,
    height,
    marginLeft: 60,
    x: { label: null, type: "time" },
    y: { grid: true, label: t.gmv, tickFormat: t.tick },
    color: { domain: [t.actual, t.pace], range: ["#e4572e", "#999"], legend: true },
    marks: [
      Plot.lineY(data.filter((d) => d.target_pace !== null), { x: "time", y: "target_pace", stroke: () => t.pace, strokeDasharray: "4 3" }),
      Plot.lineY(data, { x: "time", y: "cumulative_gmv", stroke: () => t.actual, strokeWidth: 2, tip: true }),
      Plot.ruleY([0])
    ]
  });
}

/** Orders per hour: the shape of the day, where the peaks were. */
export function hourlyOrdersChart(hours: PacingHour[], { width, height = 180 }: { width?: number; height?: number } = {}) {
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    x: { label: null, type: "time" },
    y: { grid: true, label: localized(text).orders },
    marks: [Plot.rectY(hours.map((h) => ({ ...h, time: new Date(h.hour) })), { x1: "time", x2: (d: { time: Date }) => new Date(d.time.getTime() + 3600000), y: "orders", fill: "#4c9be8", tip: true }), Plot.ruleY([0])]
  });
}
