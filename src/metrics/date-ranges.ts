import type { Row } from "../warehouse/query-rows.ts";

/** Date ranges [start, end), each numbered (r) in the order given. */
export interface DateRange {
  start: string;
  end: string;
}

/**
 * The ranges as a table `ranges(r, range_start, range_end, ts_start, ts_end)`: one query computes
 * every range, each on its own (a range's rows must depend on its own bounds alone). The
 * timestamptz bounds are cast here, from the bound values, not from a date column in a join
 * (DuckDB 1.5 compares `ts >= date_col::timestamptz` in a single-row join on UTC days).
 */
export function rangesSql(ranges: DateRange[], params: Record<string, string>): string {
  if (!ranges.length) throw new Error("no date ranges to compute");
  const rows = ranges.map(({ start, end }, i) => {
    params[`s${i}`] = start;
    params[`e${i}`] = end;
    return `(${i}, $s${i}::date, $e${i}::date, $s${i}::date::timestamptz, $e${i}::date::timestamptz)`;
  });
  return `ranges(r, range_start, range_end, ts_start, ts_end) as (values ${rows.join(", ")})`;
}

/** A ranges query's rows split by their `r` (which they lose), in the order of the ranges. */
export function rowsByRange(count: number, rows: Row[]): Row[][] {
  const out = Array.from({ length: count }, (): Row[] => []);
  for (const { r, ...row } of rows) out[r as number].push(row);
  return out;
}
