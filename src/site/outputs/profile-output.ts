import { addDays } from "../../calendar.ts";
import { dataRange } from "../../metrics/data-range.ts";
import { loadRfmRules } from "../../metrics/rfm-rules.ts";
import { userProfile } from "../../metrics/user-profile.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { compareProfiles } from "../../operations/profile-compare.ts";
import { sharedActivityRuns } from "../../operations/shared-activity-runs.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { LoaderOutput } from "../loader-output.ts";

/** data/profile.json, 用户画像 for the last 7 and the last 30 days, each against the same length just before. */
export const profileOutput: LoaderOutput = async ({ connection, config, source }) => {
  const ops = loadOperationsConfig(config.root);
  const rfmRules = loadRfmRules(config.root);
  const lastDay = ((await queryRows(connection, dataRange()))[0]?.last_day as string | null) ?? null;
  if (!lastDay) return JSON.stringify({ lastDay, periods: [] });
  const end = addDays(lastDay, 1);
  const runs = await sharedActivityRuns(connection, source, config.timezone);
  const periods = [];
  for (const days of [7, 30]) {
    const start = addDays(end, -days);
    const current = await queryRows(connection, userProfile({ start, end, timezone: config.timezone, runs }, ops.stages, rfmRules));
    const previous = await queryRows(connection, userProfile({ start: addDays(start, -days), end: start, timezone: config.timezone, runs }, ops.stages, rfmRules));
    periods.push({ days, start, end, previousStart: addDays(start, -days), rows: compareProfiles(current, previous) });
  }
  return JSON.stringify({ lastDay, periods });
};
