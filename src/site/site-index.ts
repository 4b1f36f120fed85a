import { isoWeek, isoWeekStart, addDays } from "../calendar.ts";
import { dataRange } from "../metrics/data-range.ts";
import { loadRows } from "../warehouse/with-warehouse.ts";

export interface WeekPage {
  week: string;
  start: string;
  end: string; // inclusive Sunday
  /** The data stops before the week's Sunday. */
  partial: boolean;
}

export interface SiteIndex {
  firstDay: string | null;
  lastDay: string | null;
  /** Newest first. */
  weeks: WeekPage[];
}

/** What pages the warehouse has content for: every ISO week with events. */
export async function siteIndex(): Promise<SiteIndex> {
  const [range] = await loadRows(dataRange());
  const firstDay = (range?.first_day as string | null) ?? null;
  const lastDay = (range?.last_day as string | null) ?? null;
  const weeks: WeekPage[] = [];
  if (firstDay && lastDay) {
    for (let week = isoWeek(lastDay); ; ) {
      const start = isoWeekStart(week);
      const end = addDays(start, 6);
      weeks.push({ week, start, end, partial: end > lastDay });
      if (start <= firstDay) break;
      week = isoWeek(addDays(start, -1));
    }
  }
  return { firstDay, lastDay, weeks };
}
