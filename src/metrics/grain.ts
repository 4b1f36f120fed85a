import { addDays, isoWeek, isoWeekStart } from "../calendar.ts";
import type { Period } from "./period.ts";

/** Reporting periods: a local day, an ISO week (Monday first), a calendar month or quarter. */
export type Grain = "day" | "week" | "month" | "quarter";
export const grains: readonly Grain[] = ["day", "week", "month", "quarter"];

/** A labelled period: "2026-11-18", "2026-W47", "2026-11" or "2026-Q4", with its half-open [start, end). */
export interface LabelledPeriod extends Period {
  grain: Grain;
  label: string;
}

const patterns: Record<Grain, { re: RegExp; example: string }> = {
  day: { re: /^(\d{4})-(\d{2})-(\d{2})$/, example: "2026-11-18" },
  week: { re: /^(\d{4})-W(\d{2})$/, example: "2026-W47" },
  month: { re: /^(\d{4})-(\d{2})$/, example: "2026-11" },
  quarter: { re: /^(\d{4})-Q([1-4])$/, example: "2026-Q4" }
};

const pad = (n: number) => String(n).padStart(2, "0");
const monthStart = (year: number, month: number) => `${year}-${pad(month)}-01`;
function addMonths(date: string, months: number): string {
  const [y, m] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return monthStart(Math.floor(index / 12), (index % 12) + 1);
}

export function isGrain(value: unknown): value is Grain {
  return typeof value === "string" && (grains as readonly string[]).includes(value);
}

/** Parses a period label of the grain; the error names the expected form. */
export function parsePeriod(grain: Grain, label: string): LabelledPeriod {
  const { re, example } = patterns[grain];
  const m = re.exec(label);
  const bad = () => new Error(`period ${JSON.stringify(label)} is not a ${grain} (expected e.g. ${example})`);
  if (!m) throw bad();
  let start: string;
  let end: string;
  if (grain === "day") {
    start = label;
    if (Number.isNaN(Date.parse(label + "T00:00:00Z")) || new Date(label + "T00:00:00Z").toISOString().slice(0, 10) !== label) throw bad();
    end = addDays(start, 1);
  } else if (grain === "week") {
    start = isoWeekStart(label);
    // 2026-W53 does not exist: its "Monday" already belongs to the next year's W01.
    if (isoWeek(start) !== label) throw bad();
    end = addDays(start, 7);
  } else if (grain === "month") {
    if (Number(m[2]) < 1 || Number(m[2]) > 12) throw bad();
    start = monthStart(Number(m[1]), Number(m[2]));
    end = addMonths(start, 1);
  } else {
    start = monthStart(Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
    end = addMonths(start, 3);
  }
  return { grain, label, start, end };
}

/** The label of the period of this grain containing a local date. */
export function periodLabel(grain: Grain, date: string): string {
  if (grain === "day") return date;
  if (grain === "week") return isoWeek(date);
  if (grain === "month") return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The period just before (环比 base). */
export function previousOf(p: LabelledPeriod): LabelledPeriod {
  return parsePeriod(p.grain, periodLabel(p.grain, addDays(p.start, -1)));
}

/**
 * The same period a year earlier (同比 base): the same ISO week number, month, quarter or date.
 * Null when last year has no such period (W53, or 29 February).
 */
export function yearAgoOf(p: LabelledPeriod): LabelledPeriod | null {
  const year = Number(p.label.slice(0, 4)) - 1;
  try {
    return parsePeriod(p.grain, `${year}${p.label.slice(4)}`);
  } catch {
    return null;
  }
}

/** The first `days` days of a period: a partial period is compared like-for-like with these. */
export function firstDays(p: Period, days: number): Period {
  const end = addDays(p.start, days);
  return { start: p.start, end: end < p.end ? end : p.end };
}

/** The grain a label is written in: 2026-11-18 day, 2026-W47 week, 2026-11 month, 2026-Q4 quarter. */
export function inferGrain(label: string): Grain {
  if (/-W\d/.test(label)) return "week";
  if (/-Q\d/.test(label)) return "quarter";
  if (/^\d{4}-\d{2}$/.test(label)) return "month";
  return "day";
}
