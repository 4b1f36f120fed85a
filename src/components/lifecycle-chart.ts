import * as Plot from "@observablehq/plot";

export interface LifecyclePeriod {
  start: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
}

const stages = [
  { key: "new", label: "新增", color: "#4c9be8" },
  { key: "returning", label: "留存", color: "#59a14f" },
  { key: "resurrecting", label: "回流", color: "#f28e2b" },
  { key: "dormant", label: "流失", color: "#bab0ac" }
] as const;

/** Stacked bars per period: new, returning and resurrecting users up, dormant users down. */
export function lifecycleChart(periods: LifecyclePeriod[], { width, height = 260, labels = stages.map((s) => s.label) }: { width?: number; height?: number; labels?: string[] } = {}) {
  const rows = periods.flatMap((p) => stages.map((s, i) => ({ start: p.start, stage: labels[i], users: p[s.key] })));
  return Plot.plot({
    width,
    height,
    marginLeft: 50,
    x: { label: null, type: "band", tickFormat: (d: string) => d.slice(5) },
    y: { grid: true, label: "用户数" },
    color: { domain: labels, range: stages.map((s) => s.color), legend: true },
    marks: [Plot.barY(rows, { x: "start", y: "users", fill: "stage", tip: true }), Plot.ruleY([0])]
  });
}
