import { addDays } from "../calendar.ts";
import type { Period } from "../metrics/period.ts";
import { nextMonth } from "./site-index.ts";

/**
 * The weeks or months in [from, to), from a period's first day: what source.periods asks a
 * per-period metric to compute in one call (one range for a loader script, every period of the
 * site for a build).
 */
export function periodRanges(grain: "week" | "month", from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let start = from; start < to; ) {
    const end = grain === "week" ? addDays(start, 7) : nextMonth(start);
    out.push({ start, end });
    start = end;
  }
  return out;
}
