import * as Plot from "@observablehq/plot";
import type { LifecyclePeriod } from "../metrics/lifecycle.js";
import { localized } from "./locale.js";

const stages = [
  { key: "new", color: "#4c9be8" },
  { key: "returning", color: "#59a14f" },
  { key: "resurrecting", color: "#f28e2b" },
  { key: "dormant", color: "#bab0ac" }
] as const;

const text = {
  "zh-CN": { stages: ["新增", "留存", "回流", "流失"], users: "用户数" },
  "en-US": { stages: ["New", "Returning", "Resurrecting", "Dormant"], users: "Users" }
};

/** Stacked bars per period: new, returning and resurrecting users up, dormant users down. */
export function lifecycleChart(periods: LifecyclePeriod[], { width, height = 260, labels = localized(text).stages }: { width?: number; height?: number; labels?: string[] } = {}) {
  const rows = periods.flatMap((p) => stages.map((s, i) => ({ start: p.start, stage: labels[i], users: p[s.key] })));
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    x: { label: null, type: "band", tickFormat: (d: string) => d.slice(5) },
    y: { grid: true, label: localized(text).users },
    color: { domain: labels, range: stages.map((s) => s.color), legend: true },
    marks: [Plot.barY(rows, { x: "start", y: "users", fill: "stage", tip: true }), Plot.ruleY([0])]
  });
}
