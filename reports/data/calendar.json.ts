import { addDays } from "../../src/calendar.ts";
import { loadConfig } from "../../src/config.ts";
import { campaignList } from "../../src/metrics/campaign-list.ts";
import { campaignCalendar, localToday } from "../../src/operations/campaign-calendar.ts";
import { festivalsBetween } from "../../src/operations/festivals.ts";
import { loadOperationsConfig } from "../../src/operations/operations-config.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// Statuses are relative to the build day in the reporting time zone: rebuild daily to keep them current.
const config = loadConfig();
const today = localToday(config.timezone);
const festivals = festivalsBetween(addDays(today, -120), addDays(today, 240), loadOperationsConfig().festivals);
const campaigns = await withWarehouse(({ connection }) => queryRows(connection, campaignList()));
process.stdout.write(JSON.stringify({ today, items: campaignCalendar(campaigns, festivals, today) }));
