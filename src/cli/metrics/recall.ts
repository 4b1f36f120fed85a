import { computeRecallResults } from "../../metrics/recall-results.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { intOption } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";

export const recall: MetricCommand = {
  name: "recall",
  summary: "recall campaigns (召回): returned within N days, target vs holdout, with a 95% interval",
  usage: `opsbook metric recall [--window N] [--db FILE] [--json]

  Reads the recall table (send lists with a holdout group; see README). A user has returned when any
  event or order follows the send within N days (default recall.windowDays, 14).`,
  options: { window: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const windowDays = intOption(values, "window") ?? loadOperationsConfig().recallWindowDays;
    const results = await withWarehouse(({ connection }) => computeRecallResults(connection, { windowDays }), { dbPath: values.db as string | undefined });
    if (values.json) console.log(JSON.stringify({ windowDays, campaigns: results }));
    else
      printTable(results.map((r) => ({
        campaign_id: r.campaign_id, sent_at: r.sent_at, complete: r.complete,
        target_users: r.target.users, target_rate: r.rateA, holdout_users: r.holdout.users, holdout_rate: r.rateB,
        lift_pp: r.difference === null ? null : r.difference * 100, ci_low_pp: r.low === null ? null : r.low * 100, ci_high_pp: r.high === null ? null : r.high * 100, significant: r.significant
      })));
    return 0;
  }
};
