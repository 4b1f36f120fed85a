import type { CalendarPeriod } from "./definitions.ts";
import type { Params } from "./event-filter.ts";
import { zoneOffsetMs } from "./zone-offset.ts";

/**
 * Calendar periods as integers, so "the next period" is +1 and gaps are subtraction: days and weeks
 * count from Monday 2000-01-03 (weeks start on Monday, as in China and ISO 8601), months are
 * year × 12 + month − 1. Local time comes from `timezone(zone, ts)`, so periods are cut in the
 * definition's zone whatever the session's zone is.
 */
const epochMonday = "DATE '2000-01-03'";

export function periodIndexSql(period: CalendarPeriod, ts: string, local: LocalTime): string {
  switch (period) {
    case "day":
      return local.day(ts);
    case "week":
      return local.week(ts);
    case "month": {
      const localTs = local.timestamp(ts);
      return `(year(${localTs}) * 12 + month(${localTs}) - 1)`;
    }
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

/**
 * SQL for the local date (a DATE) of a TIMESTAMPTZ expression: through `local`'s arithmetic when
 * the caller has one, else the session zone's own cast (ICU).
 */
export const localDateSql = (ts: string, local?: LocalTime) => (local ? periodStartSql("day", local.day(ts)) : `${ts}::date`);

/** SQL turning a TIMESTAMPTZ expression into local wall-clock time: a TIMESTAMP, or the local day or week as days or weeks since Monday 2000-01-03. */
export interface LocalTime {
  timestamp(ts: string): string;
  day(ts: string): string;
  week(ts: string): string;
}

// Shifted by 10000 weeks so integer division (which truncates) floors for dates before 2000.
const weekOfDay = (day: string) => `((${day} + 70000) // 7 - 10000)`;

/**
 * Since when a zone has kept one UTC offset (through 2100 by the tz database), sampled monthly:
 * Asia/Shanghai has been +8 h without daylight saving since 1991. Undefined for zones with DST.
 */
export function fixedOffsetSince(zone: string): { sinceMs: number; offsetMs: number } | undefined {
  if (!fixedOffsets.has(zone)) fixedOffsets.set(zone, scanFixedOffset(zone));
  return fixedOffsets.get(zone);
}

// Scanning a century of months takes milliseconds; a metric asks on every query, so once per zone.
const fixedOffsets = new Map<string, { sinceMs: number; offsetMs: number } | undefined>();

function scanFixedOffset(zone: string): { sinceMs: number; offsetMs: number } | undefined {
  const month = (i: number) => Date.UTC(1970, i, 1);
  const last = (2100 - 1970) * 12;
  const offset = zoneOffsetMs(month(last), zone);
  let i = last;
  while (i > 0 && zoneOffsetMs(month(i - 1), zone) === offset) i--;
  // A zone that still changes offset (DST) has no fixed stretch of more than a few months.
  return last - i < 24 ? undefined : { sinceMs: month(i), offsetMs: offset };
}

/**
 * Local time in `timezone`. ICU's timezone() is exact but slow on millions of rows; where the zone
 * has kept one offset (Shanghai since 1991) plain arithmetic on epoch microseconds gives the same
 * wall-clock time several times faster, and older instants still go through ICU.
 */
export function localTime(params: Params, timezone: string): LocalTime {
  const zone = params.bind(timezone, "zone");
  const icu = (ts: string) => `timezone(${zone}, ${ts})`;
  const icuDay = (ts: string) => `(cast(${icu(ts)} as date) - ${epochMonday})`;
  const fixed = fixedOffsetSince(timezone);
  if (!fixed) return { timestamp: icu, day: icuDay, week: (ts) => weekOfDay(icuDay(ts)) };
  // Bound on first use: DuckDB rejects a value bound to a parameter the query never names.
  const once = (value: number | string, hint: string) => {
    let name: string | undefined;
    return () => (name ??= params.bind(value, hint));
  };
  const since = once(new Date(fixed.sinceMs).toISOString(), "fixed_since");
  const offset = once(fixed.offsetMs * 1000, "offset_us");
  // Local days and weeks from Monday 2000-01-03 (946857600 s after the Unix epoch) in one integer
  // division each: the shift (offset, epoch, and 70000 days to stay positive so division floors)
  // is one bound constant, because these run once per event row and every operator there counts.
  // floor(floor(x / day) / 7) = floor(x / week), so a week needs no day first.
  const dayUs = 86_400_000_000;
  const shift = once(fixed.offsetMs * 1000 - 946_857_600_000_000 + 70000 * dayUs, "shift_us");
  const fixedOr = (ts: string, fast: string, slow: string) => `(case when ${ts} >= ${since()}::timestamptz then ${fast} else ${slow} end)`;
  return {
    timestamp: (ts) => fixedOr(ts, `make_timestamp(epoch_us(${ts}) + ${offset()}::bigint)`, icu(ts)),
    day: (ts) => fixedOr(ts, `(epoch_us(${ts}) + ${shift()}::bigint) // ${dayUs} - 70000`, icuDay(ts)),
    week: (ts) => fixedOr(ts, `(epoch_us(${ts}) + ${shift()}::bigint) // ${7 * dayUs} - 10000`, weekOfDay(icuDay(ts)))
  };
}
