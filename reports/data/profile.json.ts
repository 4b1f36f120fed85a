import { addDays } from "../../src/calendar.ts";
import { loadConfig } from "../../src/config.ts";
import { dataRange } from "../../src/metrics/data-range.ts";
import { loadRfmRules } from "../../src/metrics/rfm-rules.ts";
import { userProfile } from "../../src/metrics/user-profile.ts";
import { loadOperationsConfig } from "../../src/operations/operations-config.ts";
import { compareProfiles } from "../../src/operations/profile-compare.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// 用户画像 for the last 7 and the last 30 days, each against the same length just before.
const ops = loadOperationsConfig();
const rfmRules = loadRfmRules(loadConfig().root);
const data = await withWarehouse(async ({ connection }) => {
  const lastDay = ((await queryRows(connection, dataRange()))[0]?.last_day as string | null) ?? null;
  if (!lastDay) return { lastDay, periods: [] };
  const end = addDays(lastDay, 1);
  const periods = [];
  for (const days of [7, 30]) {
    const start = addDays(end, -days);
    const current = await queryRows(connection, userProfile({ start, end }, ops.stages, rfmRules));
    const previous = await queryRows(connection, userProfile({ start: addDays(start, -days), end: start }, ops.stages, rfmRules));
    periods.push({ days, start, end, previousStart: addDays(start, -days), rows: compareProfiles(current, previous) });
  }
  return { lastDay, periods };
});
process.stdout.write(JSON.stringify(data));
