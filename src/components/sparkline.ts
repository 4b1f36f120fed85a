import * as Plot from "@observablehq/plot";

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Highlights the last point: the period the card reports. */
  color?: string;
}

/** A small trend line with no axes, the last value marked. */
export function sparkline(values: (number | null)[], { width = 140, height = 32, color = "currentColor" }: SparklineOptions = {}) {
  const data = values.map((y, x) => ({ x, y }));
  const last = data.filter((d) => d.y != null).slice(-1);
  return Plot.plot({
    width,
    height,
    margin: 3,
    axis: null,
    x: { domain: [0, Math.max(1, data.length - 1)] },
    marks: [
      Plot.lineY(data, { x: "x", y: "y", stroke: color, strokeOpacity: 0.6, strokeWidth: 1.5, curve: "monotone-x" }),
      Plot.dot(last, { x: "x", y: "y", fill: color, r: 2.5 })
    ]
  });
}
