/** Plain calendar arithmetic on "YYYY-MM-DD" strings (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
}

/** 1 = Monday … 7 = Sunday, as ISO 8601. */
export function isoWeekday(date: string): number {
  return ((new Date(date + "T00:00:00Z").getUTCDay() + 6) % 7) + 1;
}

/** ISO 8601 week label such as "2026-W47". */
export function isoWeek(date: string): string {
  const d = new Date(date + "T00:00:00Z");
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 4 - isoWeekday(date));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86400000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday of an ISO week label. */
export function isoWeekStart(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${JSON.stringify(week)} (expected e.g. 2026-W47)`);
  const jan4 = `${m[1]}-01-04`;
  return addDays(jan4, (Number(m[2]) - 1) * 7 - (isoWeekday(jan4) - 1));
}
