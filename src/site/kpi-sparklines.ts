import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import { queryRows } from "../warehouse/query-rows.ts";
import type { KpiReport, KpiSeriesModule } from "./metric-contracts.ts";
import { optionalMetric } from "./optional-module.ts";

/** How far back a card's sparkline reaches, per grain. */
const lookbackDays = { day: 14, week: 7 * 8, month: 31 * 6, quarter: 92 * 4 };

/** The last few periods of each KPI in a report, oldest first, for the cards' sparklines. */
export async function kpiSparklines(connection: DuckDBConnection, report: KpiReport): Promise<Record<string, (number | null)[]>> {
  const series = await optionalMetric<KpiSeriesModule>("kpi-series");
  if (!series) return {};
  const rows = await queryRows(connection, series.kpiSeries({ grain: report.grain, start: addDays(report.start, -lookbackDays[report.grain]), end: report.end, keys: report.kpis.map((k) => k.key) }));
  const out: Record<string, (number | null)[]> = {};
  // Rows are one per period per KPI; the column names follow the contract loosely, so look for them.
  for (const row of rows) {
    const key = String(row.key ?? row.kpi ?? "");
    const value = row.value;
    if (!key) continue;
    (out[key] ??= []).push(typeof value === "number" ? value : null);
  }
  return out;
}
