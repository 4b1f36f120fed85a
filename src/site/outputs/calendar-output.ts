import { addDays } from "../../calendar.ts";
import { campaignList } from "../../metrics/campaign-list.ts";
import { campaignCalendar, localToday } from "../../operations/campaign-calendar.ts";
import { festivalsBetween } from "../../operations/festivals.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { LoaderOutput } from "../loader-output.ts";

/** data/calendar.json. Statuses are relative to the build day in the reporting time zone: rebuild daily to keep them current. */
export const calendarOutput: LoaderOutput = async ({ connection, config }) => {
  const today = localToday(config.timezone);
  const festivals = festivalsBetween(addDays(today, -120), addDays(today, 240), loadOperationsConfig(config.root).festivals);
  const campaigns = await queryRows(connection, campaignList());
  return JSON.stringify({ today, items: campaignCalendar(campaigns, festivals, today) });
};
