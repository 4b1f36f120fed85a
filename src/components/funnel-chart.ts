import * as Plot from "@observablehq/plot";
import { formatNumber, formatPercent, type Locale } from "./format.js";
import { pageLocale } from "./locale.js";

export interface FunnelChartStep {
  name: string;
  count: number;
  conversion_from_first: number | null;
  conversion_from_previous: number | null;
}

/** Horizontal bars in funnel order, each labelled with its users and conversion from the previous step. */
export function funnelChart(steps: FunnelChartStep[], { width, height, locale = pageLocale() }: { width?: number; height?: number; locale?: Locale } = {}) {
  const narrow = (width ?? 640) < 520;
  const label = (d: FunnelChartStep, i: number) =>
    `${formatNumber(d.count, { locale })}${i === 0 ? "" : `  ${formatPercent(d.conversion_from_previous)}`}`;
  return Plot.plot({
    width,
    height: height ?? 44 * steps.length + 30,
    marginLeft: narrow ? 84 : 110,
    marginRight: narrow ? 96 : 120,
    x: { axis: null, domain: [0, Math.max(1, ...steps.map((d) => d.count))] },
    y: { label: null, domain: steps.map((d) => d.name) }, // funnel order, not A–Z
    marks: [
      Plot.barX(steps, { x: "count", y: "name", fill: "#e4572e", fillOpacity: (_d: FunnelChartStep, i: number) => 1 - i * 0.15, tip: true }),
      Plot.text(steps, { x: "count", y: "name", text: label, textAnchor: "start", dx: 6, fontSize: 12 }),
      Plot.ruleX([0])
    ]
  });
}
