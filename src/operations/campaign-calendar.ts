import { daysBetween } from "../calendar.ts";
import { campaignSlug } from "../site/site-index.ts";
import type { Row } from "../warehouse/query-rows.ts";
import type { Festival } from "./festivals.ts";

export type CalendarStatus = "ended" | "running" | "upcoming";
export const statusLabels: Record<CalendarStatus, string> = { ended: "已结束", running: "进行中", upcoming: "未开始" };

export interface CalendarItem {
  kind: "campaign" | "festival";
  id: string | null;
  name: string;
  type: string | null;
  start: string;
  end: string;
  status: CalendarStatus;
  status_label: string;
  /** Days until the start (upcoming), days left including today (running), days since the end (ended). */
  days: number;
  targets: Record<string, number> | null;
  budget: number | null;
  gmv: number | null;
  /** actual GMV ÷ the GMV target, when both exist. */
  gmv_achievement: number | null;
  /** Site path of the retrospective (活动复盘) for campaigns. */
  retro: string | null;
}

/** Status relative to `today`: a campaign is running on its first and last day. */
export function calendarStatus(start: string, end: string, today: string): { status: CalendarStatus; days: number } {
  if (today < start) return { status: "upcoming", days: daysBetween(today, start) };
  if (today > end) return { status: "ended", days: daysBetween(end, today) };
  return { status: "running", days: daysBetween(today, end) + 1 };
}

/** Campaigns (rows of campaignList) and festivals merged into one dated list. */
export function campaignCalendar(campaigns: Row[], festivals: Festival[], today: string): CalendarItem[] {
  const items: CalendarItem[] = campaigns.map((c) => {
    const start = c.start_date as string;
    const end = c.end_date as string;
    const targets = parseTargets(c.targets);
    const gmv = c.gmv as number | null;
    const { status, days } = calendarStatus(start, end, today);
    return {
      kind: "campaign", id: c.campaign_id as string, name: c.name as string, type: (c.type as string | null) ?? null,
      start, end, status, status_label: statusLabels[status], days, targets,
      budget: (c.budget as number | null) ?? null, gmv: status === "upcoming" ? null : gmv,
      gmv_achievement: status !== "upcoming" && targets?.gmv ? (gmv ?? 0) / targets.gmv : null,
      retro: `/retros/${campaignSlug(c.campaign_id as string)}`
    };
  });
  for (const f of festivals) {
    const { status, days } = calendarStatus(f.start, f.end, today);
    items.push({ kind: "festival", id: null, name: f.name, type: f.type, start: f.start, end: f.end, status, status_label: statusLabels[status], days, targets: null, budget: null, gmv: null, gmv_achievement: null, retro: null });
  }
  return items.sort((a, b) => a.start.localeCompare(b.start) || (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "campaign" ? -1 : 1));
}

function parseTargets(value: unknown): Record<string, number> | null {
  if (value === null || value === undefined) return null;
  try {
    const parsed = typeof value === "string" ? JSON.parse(value) : value;
    if (typeof parsed !== "object" || parsed === null) return null;
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === "number")) as Record<string, number>;
  } catch {
    return null;
  }
}

/** Today's date in the reporting time zone (not the server's), YYYY-MM-DD. */
export function localToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
