import { addDays, isoWeekStart } from "../calendar.ts";

/** A half-open calendar range [start, end) of local dates, "YYYY-MM-DD". */
export interface Period {
  start: string;
  end: string;
}

export function weekPeriod(week: string): Period {
  const start = isoWeekStart(week);
  return { start, end: addDays(start, 7) };
}

export function previousPeriod({ start, end }: Period): Period {
  const days = (Date.parse(end) - Date.parse(start)) / 86400000;
  return { start: addDays(start, -days), end: start };
}
