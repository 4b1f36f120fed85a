import { weekPeriod } from "../../metrics/period.ts";
import { weeklyKpis } from "../../metrics/weekly-kpis.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";

export const weekly: MetricCommand = {
  name: "weekly",
  summary: "headline KPIs of an ISO week and the week before (UV, orders, GMV, conversion)",
  usage: "opsbook metric weekly --week 2026-W47 [--db FILE] [--json]",
  options: { week: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    if (typeof values.week !== "string") throw new UsageError("--week is required, e.g. --week 2026-W47");
    const rows = await withWarehouse(({ connection }) => queryRows(connection, weeklyKpis(weekPeriod(values.week as string))), { dbPath: values.db as string | undefined });
    if (values.json) console.log(JSON.stringify({ week: values.week, periods: rows }));
    else printTable(rows);
    return 0;
  }
};
