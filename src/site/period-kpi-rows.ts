import type { DuckDBConnection } from "@duckdb/node-api";
import { isoWeek } from "../calendar.ts";
import { kpiReportRanges } from "../metrics/kpi-report.ts";
import type { Period } from "../metrics/period.ts";
import type { Row } from "../warehouse/query-rows.ts";
import type { ReportSource } from "./report-source-types.ts";

/** The named ranges a period's KPI report compares; undefined for a period it refuses (after the data), whose own report then says why. */
async function kpiRanges(connection: DuckDBConnection, grain: "week" | "month", start: string): Promise<[string, Period][] | undefined> {
  try {
    return (await kpiReportRanges(connection, { grain, period: grain === "week" ? isoWeek(start) : start.slice(0, 7) })).ranges;
  } catch {
    return undefined;
  }
}

/**
 * The KPI rows of every whole period's named ranges (current, previous, year ago), asked of the
 * source in one call, so the ranges it cannot slice from its series (a month after a shorter one
 * compares like-for-like partial ranges) are one query rather than one per report. A period still
 * in progress is left to its report: its ranges are asked again, under the same names, by the
 * site's "latest" KPI blocks, which then reuse them.
 */
export async function periodKpiRows(connection: DuckDBConnection, source: ReportSource, grain: "week" | "month", periods: Period[]): Promise<{ start: string; ranges: [string, Period][]; rows: Row[] }[]> {
  const asked: { start: string; ranges: [string, Period][] }[] = [];
  for (const p of periods) {
    const ranges = await kpiRanges(connection, grain, p.start);
    const current = ranges?.find(([name]) => name === "current")?.[1];
    if (ranges && current?.start === p.start && current.end === p.end) asked.push({ start: p.start, ranges });
  }
  if (!asked.length) return [];
  // Range names are identifiers: period i's "previous" is asked as "p<i>_previous".
  const rows = await source.kpis(grain, asked.flatMap(({ ranges }, i) => ranges.map(([name, range]): [string, Period] => [`p${i}_${name}`, range])));
  return asked.map(({ start, ranges }, i) => ({
    start,
    ranges,
    rows: rows.filter((r) => String(r.period).startsWith(`p${i}_`)).map((r) => ({ ...r, period: String(r.period).slice(`p${i}_`.length) }))
  }));
}
