import * as Plot from "@observablehq/plot";
import { formatPercent } from "./format.js";
import { localized } from "./locale.js";

export interface RetentionCohort {
  start: string;
  size: number;
  values: (number | null)[];
}

/** Cohorts down, periods across; each cell the share of the cohort back in that period. Immature cells stay blank. */
export function retentionHeatmap(cohorts: RetentionCohort[], { width, periodLabel = localized({ "zh-CN": (k: number) => `第${k}期`, "en-US": (k: number) => `P${k}` }) }: { width?: number; periodLabel?: (k: number) => string } = {}) {
  const cells = cohorts.flatMap((c) =>
    c.values.map((v, k) => ({ cohort: `${c.start} (${c.size})`, period: periodLabel(k), k, rate: v == null || !c.size ? null : v / c.size }))
  ).filter((d) => d.k > 0 && d.rate != null);
  const periods = [...new Set(cohorts.flatMap((c) => c.values.map((_v, k) => k)))].filter((k) => k > 0).sort((a, b) => a - b);
  // On a phone the labels (第1周, 第2周 …) and the shares (59%) are wider than their columns and run
  // together: there a column shows the period number alone, a cell the share without its % sign,
  // and the axis label says what they are (第N周 %).
  const compact = width !== undefined && (width - 130) / Math.max(1, periods.length) < 44;
  const marginLeft = compact ? 108 : 130;
  return Plot.plot({
    width,
    height: 26 * cohorts.length + 40,
    marginLeft,
    padding: 0.05,
    x: {
      domain: periods.map(periodLabel), axis: "top",
      ...(compact ? { tickFormat: (label: string) => label.replace(/\D+/g, ""), label: `${periodLabel(1).replace(/\d+/, "N")} %`, labelAnchor: "left" as const } : { label: null })
    },
    y: { label: null, domain: cohorts.map((c) => `${c.start} (${c.size})`) },
    color: { scheme: "oranges", domain: [0, Math.max(0.05, ...cells.map((d) => d.rate ?? 0))] },
    marks: [
      Plot.cell(cells, { x: "period", y: "cohort", fill: "rate", tip: true }),
      Plot.text(cells, { x: "period", y: "cohort", text: (d: { rate: number | null }) => (compact ? String(Math.round((d.rate ?? 0) * 100)) : formatPercent(d.rate, 0)), fontSize: 10 })
    ]
  });
}
