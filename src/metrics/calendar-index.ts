import type { CalendarPeriod } from "./definitions.ts";

/**
 * Calendar periods as integers, so "the next period" is +1 and gaps are subtraction: days and weeks
 * count from Monday 2000-01-03 (weeks start on Monday, as in China and ISO 8601), months are
 * year × 12 + month − 1. Local time comes from `timezone(zone, ts)`, so periods are cut in the
 * definition's zone whatever the session's zone is.
 */
const epochMonday = "DATE '2000-01-03'";

export function periodIndexSql(period: CalendarPeriod, ts: string, zone: string): string {
  const local = `timezone(${zone}, ${ts})`;
  switch (period) {
    case "day":
      return `(cast(${local} as date) - ${epochMonday})`;
    case "week":
      return `cast(floor((cast(${local} as date) - ${epochMonday}) / 7) as bigint)`;
    case "month":
      return `(year(${local}) * 12 + month(${local}) - 1)`;
  }
}

/** First day of the period with index `index`, as a DATE. */
export function periodStartSql(period: CalendarPeriod, index: string): string {
  switch (period) {
    case "day":
      return `(${epochMonday} + cast(${index} as integer))`;
    case "week":
      return `(${epochMonday} + cast(${index} * 7 as integer))`;
    case "month":
      return `make_date(cast(floor(${index} / 12) as bigint), cast(${index} - floor(${index} / 12) * 12 + 1 as bigint), 1)`;
  }
}

/** The instant just before an exclusive end, so that its period is the last one included. */
export const lastInstantBefore = (end: string) => new Date(Date.parse(end) - 1).toISOString();
