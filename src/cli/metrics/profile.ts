import { addDays } from "../../calendar.ts";
import { userProfile } from "../../metrics/user-profile.ts";
import { loadRfmRules } from "../../metrics/rfm-rules.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { compareProfiles } from "../../operations/profile-compare.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { asOfOrLastDay } from "./as-of-default.ts";
import { dateOption } from "./operations-options.ts";

export const profile: MetricCommand = {
  name: "profile",
  summary: "用户画像: active and paying users by region, platform, channel, 公域/私域, stage, RFM tier, attributes; vs the period before",
  usage: `opsbook metric profile [--start DATE] [--end DATE] [--dimension NAME] [--db FILE] [--json]

  --start/--end  the period [start, end) (default: the 7 days up to the last day with data); it is
                 compared with the period of the same length just before
  --dimension    one of region, platform, channel, channel_group, stage, rfm_tier, attr:<key>`,
  options: { start: { type: "string" }, end: { type: "string" }, dimension: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const ops = loadOperationsConfig();
    const startArg = dateOption(values, "start");
    const endArg = dateOption(values, "end");
    const result = await withWarehouse(async ({ connection }, config) => {
      const rules = loadRfmRules(config.root);
      const end = endArg ?? addDays(await asOfOrLastDay(connection, {}), 1);
      const start = startArg ?? addDays(end, -7);
      if (start >= end) throw new UsageError(`--start ${start} must be before --end ${end}`);
      const length = (Date.parse(end) - Date.parse(start)) / 86400000;
      const current = await queryRows(connection, userProfile({ start, end, timezone: config.timezone }, ops.stages, rules));
      const previous = await queryRows(connection, userProfile({ start: addDays(start, -length), end: start, timezone: config.timezone }, ops.stages, rules));
      return { start, end, rows: compareProfiles(current, previous) };
    }, { dbPath: values.db as string | undefined });
    const rows = values.dimension ? result.rows.filter((r) => r.dimension === values.dimension) : result.rows;
    if (values.json) console.log(JSON.stringify({ ...result, rows }));
    else printTable(rows.map((r) => ({ dimension: r.dimension, value: r.value, active_users: r.active_users, active_share: r.active_share, change_pp: r.active_share_change === null ? null : r.active_share_change * 100, paying_users: r.paying_users, paying_share: r.paying_share })));
    return 0;
  }
};
