import * as Plot from "@observablehq/plot";
import { localized } from "./locale.js";

const text = {
  "zh-CN": { x: "R 最近购买（5 = 最近）", y: "F 购买频次（5 = 最高）" },
  "en-US": { x: "R recency (5 = most recent)", y: "F frequency (5 = most)" }
};

export interface RfmCell {
  r_score: number;
  f_score: number;
  customers: number;
}

/** Recency score across, frequency score up: where the customers sit, darker = more. */
export function rfmGrid(grid: RfmCell[], { width, height = 300, xLabel = localized(text).x, yLabel = localized(text).y }: { width?: number; height?: number; xLabel?: string; yLabel?: string } = {}) {
  return Plot.plot({
    width,
    height,
    padding: 0.04,
    x: { label: xLabel, domain: [1, 2, 3, 4, 5] },
    y: { label: yLabel, domain: [5, 4, 3, 2, 1] },
    color: { scheme: "blues" },
    marks: [
      Plot.cell(grid, { x: "r_score", y: "f_score", fill: "customers", tip: true }),
      Plot.text(grid, { x: "r_score", y: "f_score", text: "customers", fill: (d: RfmCell) => (d.customers > Math.max(...grid.map((g) => g.customers)) / 2 ? "white" : "black") })
    ]
  });
}
