import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays } from "../calendar.ts";
import type { KpiReport } from "../metrics/kpi-report.ts";
import { directSource, type ReportSource } from "./report-source.ts";

/** How far back a card's sparkline reaches, per grain. */
const lookbackDays = { day: 14, week: 7 * 8, month: 31 * 6, quarter: 92 * 4 };

/** The last few periods of each KPI in a report, oldest first, for the cards' sparklines. */
export async function kpiSparklines(connection: DuckDBConnection, report: Pick<KpiReport, "grain" | "start" | "end" | "kpis">, source: ReportSource = directSource(connection)): Promise<Record<string, (number | null)[]>> {
  if (!report.kpis.length) return {};
  const rows = await source.series({ grain: report.grain, start: addDays(report.start, -lookbackDays[report.grain]), end: report.end, keys: report.kpis.map((k) => k.key) });
  const out: Record<string, (number | null)[]> = {};
  for (const row of rows) (out[String(row.key)] ??= []).push(typeof row.value === "number" ? row.value : null);
  return out;
}
