import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { isoWeek, isoWeekStart, addDays } from "../calendar.ts";
import { dataRange } from "../metrics/data-range.ts";
import { withWarehouse } from "../warehouse/with-warehouse.ts";
import { queryRows } from "../warehouse/query-rows.ts";

export interface WeekPage {
  week: string;
  start: string;
  end: string; // inclusive Sunday
  /** The data stops before the week's Sunday. */
  partial: boolean;
}

export interface MonthPage {
  month: string; // 2026-11
  start: string;
  end: string; // inclusive last day
  partial: boolean;
}

export interface CampaignPage {
  /** The path segment: the campaign id when it is URL-safe, else a stable hash of it. */
  slug: string;
  id: string;
  /** From the export: display as text only. */
  name: string;
  start: string | null;
  end: string | null;
}

export interface SiteIndex {
  firstDay: string | null;
  lastDay: string | null;
  /** Newest first. */
  weeks: WeekPage[];
  months: MonthPage[];
  campaigns: CampaignPage[];
}

/** What pages the warehouse has content for: every ISO week and month with events, every campaign. */
export async function siteIndex(): Promise<SiteIndex> {
  return withWarehouse(({ connection }) => siteIndexOf(connection));
}

// A build computes dozens of loader outputs over one read-only connection; each asks for the index.
const indexes = new WeakMap<DuckDBConnection, Promise<SiteIndex>>();

/** The site index over an open connection, read once per connection (so open a new one after loading data). */
export function siteIndexOf(connection: DuckDBConnection): Promise<SiteIndex> {
  let index = indexes.get(connection);
  if (!index) {
    index = readSiteIndex(connection);
    indexes.set(connection, index);
    index.catch(() => indexes.delete(connection));
  }
  return index;
}

async function readSiteIndex(connection: DuckDBConnection): Promise<SiteIndex> {
  const [range] = await queryRows(connection, dataRange());
  const firstDay = (range?.first_day as string | null) ?? null;
  const lastDay = (range?.last_day as string | null) ?? null;
  const campaignRows = await queryRows(connection, {
    sql: `select campaign_id, name, start_date::varchar as start_date, end_date::varchar as end_date
      from campaigns order by start_date desc nulls last, campaign_id`
  });
  const campaigns = campaignRows.map((r) => ({
    slug: campaignSlug(String(r.campaign_id)),
    id: String(r.campaign_id),
    name: r.name == null || r.name === "" ? String(r.campaign_id) : String(r.name),
    start: (r.start_date as string | null) ?? null,
    end: (r.end_date as string | null) ?? null
  }));
  return { firstDay, lastDay, weeks: weekPages(firstDay, lastDay), months: monthPages(firstDay, lastDay), campaigns };
}

export function weekPages(firstDay: string | null, lastDay: string | null): WeekPage[] {
  const weeks: WeekPage[] = [];
  if (!firstDay || !lastDay) return weeks;
  for (let week = isoWeek(lastDay); ; ) {
    const start = isoWeekStart(week);
    const end = addDays(start, 6);
    weeks.push({ week, start, end, partial: end > lastDay });
    if (start <= firstDay) break;
    week = isoWeek(addDays(start, -1));
  }
  return weeks;
}

export function monthPages(firstDay: string | null, lastDay: string | null): MonthPage[] {
  const months: MonthPage[] = [];
  if (!firstDay || !lastDay) return months;
  for (let start = lastDay.slice(0, 8) + "01"; ; ) {
    const next = nextMonth(start);
    const end = addDays(next, -1);
    months.push({ month: start.slice(0, 7), start, end, partial: end > lastDay });
    if (start <= firstDay) break;
    start = addDays(start, -1).slice(0, 8) + "01";
  }
  return months;
}

export function nextMonth(first: string): string {
  const [y, m] = first.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** Ids from exports may hold anything; a path segment may not. */
export function campaignSlug(id: string): string {
  return /^[A-Za-z0-9][\w.-]{0,80}$/.test(id) ? id : "c-" + createHash("sha256").update(id).digest("hex").slice(0, 10);
}
