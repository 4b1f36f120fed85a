import type { Grain } from "../metrics/grain.ts";
import type { Period } from "../metrics/period.ts";
import type { Row } from "../warehouse/query-rows.ts";

// Types only: a loader script's source closure (what its cache key hashes) stays free of the metrics.

export interface SeriesRequest {
  grain: Grain;
  start: string;
  /** Exclusive. */
  end: string;
  keys: string[];
}

/**
 * Where a period report gets the queries many reports share. A loader script asks DuckDB each
 * time; a build computing every week and month at once reads each KPI series once over the whole
 * site and slices it, and reuses results one report shares with another (this week's funnel is
 * next week's "previous").
 */
export interface ReportSource {
  series(request: SeriesRequest): Promise<Row[]>;
  /** periodKpis rows of named ranges (period = the range's name) for a KPI report of this grain. */
  kpis(grain: Grain, ranges: [string, Period][]): Promise<Row[]>;
  /**
   * Rows of a metric over calendar periods [from, to) whose every row depends on its own period
   * alone (lifecycle, first-time retention: both read all history whatever the range), by start.
   */
  periods<T extends { start: string }>(metric: string, grain: "week" | "month", from: string, to: string, compute: (from: string, to: string) => Promise<T[]>): Promise<T[]>;
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}
