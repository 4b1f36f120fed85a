import { addDays } from "../../calendar.ts";
import { campaignList } from "../../metrics/campaign-list.ts";
import { campaignCalendar, localToday } from "../../operations/campaign-calendar.ts";
import { festivalsBetween } from "../../operations/festivals.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import type { MetricCommand } from "../metric-command.ts";
import { label } from "./behaviour-source.ts";
import { printTable } from "../print-table.ts";
import { dateOption } from "./operations-options.ts";

export const calendar: MetricCommand = {
  name: "calendar",
  summary: "campaign calendar: campaigns and festivals (618, 双11 …) with status 已结束/进行中/未开始",
  usage: `opsbook metric calendar [--today DATE] [--from DATE] [--to DATE] [--db FILE] [--json]

  --today DATE  the date statuses are relative to (default: today in the configured time zone)
  --from/--to   the festivals listed (default: 180 days before today to 180 days after)`,
  options: { today: { type: "string" }, from: { type: "string" }, to: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const items = await withWarehouse(async ({ connection }, config) => {
      const today = dateOption(values, "today") ?? localToday(config.timezone);
      const festivals = festivalsBetween(dateOption(values, "from") ?? addDays(today, -180), dateOption(values, "to") ?? addDays(today, 180), loadOperationsConfig().festivals);
      return campaignCalendar(await queryRows(connection, campaignList()), festivals, today);
    }, { dbPath: values.db as string | undefined });
    if (values.json) console.log(JSON.stringify({ items }));
    else printTable(items.map((i) => ({ start: i.start, end: i.end, name: i.name, kind: i.kind === "campaign" ? label("活动", "campaign") : label("节日", "festival"), status: label(i.status_label, i.status), days: i.days, gmv_target: i.targets?.gmv ?? null, gmv: i.gmv, achievement: i.gmv_achievement })));
    return 0;
  }
};
