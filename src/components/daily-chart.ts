import * as Plot from "@observablehq/plot";
import { localized } from "./locale.js";

export interface DailyChartOptions {
  width?: number;
  height?: number;
  y?: string;
  yLabel?: string;
}

/** A bar per day of one measure (GMV by default), weekends a shade lighter. */
export function dailyChart(data: Record<string, unknown>[], { width, height = 240, y = "gmv", yLabel = localized({ "zh-CN": "GMV（元）", "en-US": "GMV (¥)" }) }: DailyChartOptions = {}) {
  const rows = data.map((d) => ({ ...d, date: new Date(`${d.date}T00:00:00`) }));
  const weekend = (d: { date: Date }) => d.date.getDay() === 0 || d.date.getDay() === 6;
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: { type: "band", label: null, tickFormat: (d: Date, i: number) => (rows.length > 7 && (width ?? 640) < 560 && i % Math.ceil(rows.length / 7) ? "" : `${d.getMonth() + 1}/${d.getDate()}`) },
    y: { grid: true, label: yLabel, tickFormat: "~s" },
    marks: [
      Plot.barY(rows, { x: "date", y, fill: (d: { date: Date }) => (weekend(d) ? "#f4a259" : "#e4572e"), tip: true }),
      Plot.ruleY([0])
    ]
  });
}
