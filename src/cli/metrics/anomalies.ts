import { computeAnomalies, defaultAnomalyKeys } from "../../metrics/anomalies.ts";
import { kpiKeys } from "../../metrics/kpi-catalog.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { rangeHelp, rangeOption, rangeOptions, rangeUsage } from "./date-range.ts";
import { sourceOptions, withMetricSource } from "./metric-source.ts";

export const anomalies: MetricCommand = {
  name: "anomalies",
  summary: "days far from their trailing 28-day mean (± k·sd) and sharp week-over-week moves",
  usage: `opsbook metric anomalies ${rangeUsage} [--k 3] [--threshold 0.3] [--keys gmv,uv,…] [--db FILE | --orders FILE.csv] [--as-of DATE] [--json]

${rangeHelp} (7 days)
  --k           standard deviations that make a day unusual (default 3)
  --threshold   relative week-over-week change worth reporting (default 0.3; rates: 0.02 = 2 百分点)
  --keys        KPIs to watch (default ${defaultAnomalyKeys.join(",")})`,
  options: { db: sourceOptions.db, orders: sourceOptions.orders, "as-of": sourceOptions["as-of"], json: sourceOptions.json, k: { type: "string" }, threshold: { type: "string" }, keys: { type: "string" }, ...rangeOptions },
  async run(values) {
    const k = values.k === undefined ? 3 : Number(values.k);
    if (!(k > 0)) throw new UsageError(`--k must be a positive number, got ${JSON.stringify(values.k)}`);
    const threshold = values.threshold === undefined ? 0.3 : Number(values.threshold);
    if (!(threshold > 0)) throw new UsageError(`--threshold must be a positive number, got ${JSON.stringify(values.threshold)}`);
    const keys = typeof values.keys === "string" ? values.keys.split(",").map((s) => s.trim()) : defaultAnomalyKeys;
    const unknown = keys.filter((key) => !kpiKeys.includes(key));
    if (unknown.length) throw new UsageError(`--keys: unknown KPI ${unknown.join(", ")} (known: ${kpiKeys.join(", ")})`);
    const result = await withMetricSource(values, async (connection) => computeAnomalies(connection, { ...(await rangeOption(connection, values, 7)), k, keys, wowThreshold: threshold }));
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    console.log("Days beyond the trailing 28-day mean ± k·sd");
    printTable(result.anomalies as unknown as Parameters<typeof printTable>[0]);
    console.log("\nWeek-over-week moves");
    printTable(result.weekOverWeek as unknown as Parameters<typeof printTable>[0]);
    return 0;
  }
};
