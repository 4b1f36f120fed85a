import * as Plot from "@observablehq/plot";
import { localized } from "./locale.js";

export interface IntervalRow {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Estimates with their 95 % intervals, one row each, and a rule at zero: an interval crossing it
 * means "no difference shown". Used for recall lift (percentage points) and NPS by period.
 */
export function intervalChart(rows: IntervalRow[], { width, format = (x: number) => x.toFixed(1), zero = true, xLabel = null as string | null } = {}) {
  const data = rows.filter((d) => d.value !== null && d.low !== null && d.high !== null);
  const [open, close] = localized({ "zh-CN": ["（", "）"], "en-US": [" (", ")"] });
  return Plot.plot({
    width,
    height: 40 * data.length + 50,
    marginLeft: 120,
    marginRight: 150, // room for the "value（low ~ high）" label
    x: { label: xLabel, grid: true, tickFormat: format },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      zero ? Plot.ruleX([0], { stroke: "#999" }) : null,
      Plot.ruleY(data, { y: "label", x1: "low", x2: "high", strokeWidth: 2, stroke: "#4c9be8" }),
      Plot.dot(data, { y: "label", x: "value", r: 4, fill: "#e4572e", tip: true }),
      Plot.text(data, { y: "label", x: "high", text: (d: IntervalRow) => `${format(d.value!)}${open}${format(d.low!)} ~ ${format(d.high!)}${close}`, textAnchor: "start", dx: 6 })
    ]
  });
}
