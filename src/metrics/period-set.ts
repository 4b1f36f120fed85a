import { localDateSql, localTime } from "./calendar-index.ts";
import { Params } from "./event-filter.ts";
import type { Grain } from "./grain.ts";
import type { Period } from "./period.ts";
import type { PeriodSet } from "./period-kpis.ts";

/** A few named, non-overlapping ranges (current, previous, year ago), bound as parameters. */
export function namedPeriods(ranges: [string, Period][]): PeriodSet {
  if (!ranges.length) throw new Error("namedPeriods: no ranges");
  const names = ranges.map(([name]) => name);
  if (names.some((n) => !/^[A-Za-z_]\w*$/.test(n))) throw new Error(`period names must be identifiers: ${names.join(", ")}`);
  const params = Object.fromEntries(ranges.flatMap(([, r], i) => [[`p${i}s`, r.start], [`p${i}e`, r.end]]));
  return {
    sql: ranges.map(([name], i) => `select '${name}' as period, '${name}' as label, $p${i}s::date as start, $p${i}e::date as "end"`).join(" union all "),
    assign: (column) => `case ${ranges.map(([name], i) => `when ${column} >= $p${i}s::date::timestamptz and ${column} < $p${i}e::date::timestamptz then '${name}'`).join(" ")} end`,
    assignDay: (column) => `case ${ranges.map(([name], i) => `when ${column} >= $p${i}s::date and ${column} < $p${i}e::date then '${name}'`).join(" ")} end`,
    day: (column) => `${column}::date`,
    within: (column) => ranges.map((_, i) => `(${column} >= $p${i}s::date::timestamptz and ${column} < $p${i}e::date::timestamptz)`).join(" or "),
    reach: (column) => ranges.map((_, i) => `(${column} >= least($p${i}s::date, $p${i}e::date - 30)::timestamptz and ${column} < $p${i}e::date::timestamptz)`).join(" or "),
    first: ranges.map(([, r]) => r.start).sort()[0],
    last: ranges.map(([, r]) => r.end).sort().at(-1)!,
    params
  };
}

/** Period labels in SQL; the grain is one of four constants, never user text. */
const labelSql: Record<Grain, (d: string) => string> = {
  day: (d) => `strftime(${d}, '%Y-%m-%d')`,
  week: (d) => `(isoyear(${d}) || '-W' || lpad(week(${d})::varchar, 2, '0'))`,
  month: (d) => `strftime(${d}, '%Y-%m')`,
  quarter: (d) => `(year(${d}) || '-Q' || quarter(${d}))`
};
const stepSql: Record<Grain, string> = { day: "interval 1 day", week: "interval 7 day", month: "interval 1 month", quarter: "interval 3 month" };

/**
 * Every day, ISO week, month or quarter from the one containing `start` up to `end` (exclusive),
 * which cuts the last one short. A timestamp's period is its local date_trunc; the key is the
 * period's first day, labelled once per period rather than once per event. Given the session's
 * time zone, local days of a fixed-offset zone (Shanghai) are plain arithmetic instead of ICU.
 */
export function gridPeriods(grain: Grain, start: string, end: string, timezone?: string): PeriodSet {
  const first = `date_trunc('${grain}', $gridStart::date)`;
  // Bound while the SQL is written (localTime binds on first use); periodKpis spreads it afterwards.
  const bound = new Params();
  Object.assign(bound.values, { gridStart: start, gridEnd: end });
  const local = timezone ? localTime(bound, timezone) : undefined;
  const day = (column: string) => localDateSql(column, local);
  const key = (column: string) => (grain === "day" ? day(column) : `date_trunc('${grain}', ${day(column)})::date`);
  return {
    sql: periodsSqlOf(grain),
    assign: (column) => `case when ${column} >= ${first}::date::timestamptz and ${column} < $gridEnd::date::timestamptz then ${key(column)} end`,
    assignDay: (column) => `case when ${column} >= ${first}::date and ${column} < $gridEnd::date then ${grain === "day" ? column : `date_trunc('${grain}', ${column})::date`} end`,
    day,
    within: () => "true",
    reach: () => "true",
    // The grid starts at the period containing start, which may be before it.
    first: truncate(grain, start),
    last: end,
    params: bound.values
  };
}

function periodsSqlOf(grain: Grain): string {
  return `select d::date as period, ${labelSql[grain]("d")} as label, d::date as start, least((d + ${stepSql[grain]})::date, $gridEnd::date) as "end"
    from range(date_trunc('${grain}', $gridStart::date)::timestamp, $gridEnd::date::timestamp, ${stepSql[grain]}) r(d)`;
}

function truncate(grain: Grain, date: string): string {
  if (grain === "day") return date;
  if (grain === "month") return date.slice(0, 8) + "01";
  if (grain === "quarter") return `${date.slice(0, 5)}${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
