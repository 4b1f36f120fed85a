import * as Plot from "@observablehq/plot";

export interface ShareRow {
  value: string;
  share: number | null;
  previous: number | null;
}

/** Share of users per value, this period (bar) against the period before (tick). */
export function shareComparisonChart(rows: ShareRow[], { width, top = 12, color = "#4c9be8" }: { width?: number; top?: number; color?: string } = {}) {
  const data = rows.slice(0, top);
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return Plot.plot({
    width,
    height: 28 * data.length + 40,
    marginLeft: 100,
    marginRight: 50,
    x: { label: null, tickFormat: pct, grid: true },
    y: { label: null, domain: data.map((d) => d.value) }, // most users first, not A–Z
    marks: [
      Plot.barX(data, { x: "share", y: "value", fill: color, tip: true }),
      Plot.tickX(data.filter((d) => d.previous !== null), { x: "previous", y: "value", stroke: "black", strokeWidth: 2 }),
      Plot.text(data, { x: "share", y: "value", text: (d: ShareRow) => (d.share === null ? "" : `${(d.share * 100).toFixed(1)}%`), textAnchor: "start", dx: 4 }),
      Plot.ruleX([0])
    ]
  });
}
