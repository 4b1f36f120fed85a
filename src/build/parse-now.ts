/** Minutes east of UTC of a time zone at an instant. */
function offsetMinutes(instant: number, timezone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant).map((p) => [p.type, p.value])
  );
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 60000);
}

/**
 * `--now` as users write it: "2026-11-23T08:00:00+08:00", or naive "2026-11-23 08:00" / "2026-11-23"
 * read in the report's time zone (like every naive timestamp in Opsbook).
 */
export function parseNow(text: string, timezone: string): Date {
  const trimmed = text.trim().replace(" ", "T");
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(trimmed);
  if (!m) throw new Error(`--now ${JSON.stringify(text)}: expected a date or time such as 2026-11-23T08:00+08:00`);
  if (zoned) {
    const t = Date.parse(trimmed);
    if (Number.isNaN(t)) throw new Error(`--now ${JSON.stringify(text)}: not a valid time`);
    return new Date(t);
  }
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return new Date(asUtc - offsetMinutes(asUtc, timezone) * 60000);
}
