/**
 * Offset of `zone` from UTC at the instant `utcMs`, in ms (Asia/Shanghai → +8 h). One formatter per
 * zone is kept: building an Intl.DateTimeFormat costs about 0.3 ms, and callers ask about a zone
 * thousands of times (calendar-index.ts scans a century of months).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, f);
  }
  return f;
}

export function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  // The wall clock is shown to the second, so the instant is compared without its milliseconds.
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(utcMs / 1000) * 1000;
}
