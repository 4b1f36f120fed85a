import type { DuckDBConnection } from "@duckdb/node-api";
import { addDays, isoWeek, isoWeekStart } from "../calendar.ts";
import { localDateSql, localTime } from "../metrics/calendar-index.ts";
import { Params } from "../metrics/event-filter.ts";
import { namedKpiRows } from "../metrics/kpi-report.ts";
import { kpiRollupQueries, type KpiRollup } from "../metrics/kpi-rollup.ts";
import { kpiSeries } from "../metrics/kpi-series.ts";
import { firstSeenSql } from "../metrics/period-kpis.ts";
import { queryRows, type Row } from "../warehouse/query-rows.ts";
import type { ReportSource, SeriesRequest } from "./report-source-types.ts";
import { sharedTable } from "./shared-table.ts";

export type { ReportSource, SeriesRequest };

const zones = new WeakMap<DuckDBConnection, Promise<string>>();

/** The session's time zone (openWarehouse sets it): series cut local days by it without ICU where the zone has one offset. */
function sessionZone(connection: DuckDBConnection): Promise<string> {
  let zone = zones.get(connection);
  if (!zone) {
    zone = queryRows(connection, { sql: "select current_setting('TimeZone') as zone" }).then(([row]) => String(row.zone));
    zones.set(connection, zone);
  }
  return zone;
}

export function directSource(connection: DuckDBConnection): ReportSource {
  const kpis = namedKpiRows(connection);
  return { series: async (request) => queryRows(connection, kpiSeries({ ...request, timezone: await sessionZone(connection) })), kpis: (_grain, ranges) => kpis(ranges), periods: (_metric, _grain, from, to, compute) => compute(from, to), once: (_key, compute) => compute() };
}

/** Days the reports reach back before the first day with data (anomaly baselines, sparklines) and on past the last. */
const margin = { day: { before: 60, after: 32 }, week: { before: 70, after: 14 }, month: { before: 220, after: 32 } };

type Cut = "day" | "week" | "month";
const periodStart = (grain: Cut, day: string) => (grain === "day" ? day : grain === "week" ? isoWeekStart(isoWeek(day)) : `${day.slice(0, 8)}01`);
const nextStart = (grain: Cut, start: string) => (grain === "day" ? addDays(start, 1) : grain === "week" ? addDays(start, 7) : `${addDays(start, 32).slice(0, 8)}01`);

/**
 * One series per grain and key list over every period the site's reports can ask for. A series
 * period is a function of its own bounds only (look-back windows read their own days), so a slice
 * of whole periods equals the query over the slice; a request that would cut a period short, or
 * reach outside, is asked of DuckDB as is.
 */
export function sharedSource(connection: DuckDBConnection, { firstDay, lastDay }: { firstDay: string; lastDay: string }): ReportSource {
  interface Wide<T> { start: string; end: string; rows: Promise<T[]> }
  const wide = new Map<string, Wide<unknown>>();
  const memo = new Map<string, Promise<unknown>>();
  const direct = directSource(connection);
  const once = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      memo.set(key, value);
    }
    return value;
  };
  // Every KPI query of the build (three series, each partial period) needs each user's first day.
  const firsts = () => sharedTable(connection, once, "opsbook_first_seen", { sql: firstSeenSql });
  // …and the per-day rollups of events: each grain's series, and each partial period, then reads
  // a few million rollup rows instead of every event again.
  const rollup = () => once("kpi-rollup", async (): Promise<KpiRollup> => {
    const params = new Params();
    const local = localTime(params, await sessionZone(connection));
    const names: KpiRollup = { userDays: "opsbook_kpi_user_days", steps: "opsbook_kpi_steps", sessionParts: "opsbook_kpi_session_parts" };
    const queries = kpiRollupQueries((column) => localDateSql(column, local), params.values, names);
    // In order (steps reads userDays); the connection runs one statement at a time anyway.
    for (const key of ["userDays", "steps", "sessionParts"] as const) await sharedTable(connection, once, names[key], queries[key]);
    return names;
  });
  /** The rows of whole periods from the one holding `from` up to `to`, or undefined when the wide range cannot serve them. */
  const slice = async <T extends { start: string }>(id: string, grain: Cut, from: string, to: string, compute: (start: string, end: string) => Promise<T[]>): Promise<T[] | undefined> => {
    let all = wide.get(id) as Wide<T> | undefined;
    if (!all) {
      const start = periodStart(grain, addDays(firstDay, -margin[grain].before));
      const end = nextStart(grain, periodStart(grain, addDays(lastDay, margin[grain].after)));
      all = { start, end, rows: compute(start, end) };
      wide.set(id, all);
    }
    const first = periodStart(grain, from);
    if (first < all.start || to > all.end || periodStart(grain, to) !== to) return undefined;
    return (await all.rows).filter((r) => r.start >= first && r.start < to);
  };
  /** Every KPI of every period of a grain, one row per period and key (kpiSeries), sliced to [from, to). */
  const allKeys = (grain: Cut, from: string, to: string) => slice(`series:${grain}`, grain, from, to, (start, end) =>
    Promise.all([sessionZone(connection), firsts(), rollup()]).then(([timezone, table, days]) => queryRows(connection, kpiSeries({ grain, start, end, timezone, firsts: table, rollup: days }))) as Promise<(Row & { start: string })[]>);
  return {
    async series(request) {
      const { grain, keys } = request;
      if (grain === "quarter") return direct.series(request);
      // All keys are computed either way (periodKpis is one query); rows stay in (start, key) order.
      const rows = await allKeys(grain, request.start, request.end);
      return rows?.filter((r) => keys.includes(r.key as string)) ?? direct.series(request);
    },
    async kpis(grain, ranges) {
      // Named ranges' rows depend on the ranges alone; a partial period's are asked again by a kpi block of the same period ("latest").
      const named = (rest: typeof ranges) => once(`kpis:${JSON.stringify(rest)}`, async () => namedKpiRows(connection, await firsts(), await rollup())(rest));
      if (grain !== "week" && grain !== "month") return named(ranges);
      // A whole week or month is a row of the series (each period is computed on its own); a
      // partial one (the current period, and its like-for-like bases) is asked of DuckDB.
      const served: Row[] = [];
      const rest: typeof ranges = [];
      for (const [name, range] of ranges) {
        const whole = periodStart(grain, range.start) === range.start && nextStart(grain, range.start) === range.end;
        const rows = whole ? await allKeys(grain, range.start, range.end) : undefined;
        if (rows?.length) served.push({ period: name, start: rows[0].start, end: rows[0].end, days: rows[0].days, ...Object.fromEntries(rows.map((r) => [r.key as string, r.value])) });
        else rest.push([name, range]);
      }
      return rest.length ? [...served, ...(await named(rest))] : served;
    },
    async periods(metric, grain, from, to, compute) {
      return (await slice(`periods:${metric}:${grain}`, grain, from, to, compute)) ?? compute(from, to);
    },
    once
  };
}
