import { stageCounts } from "../../metrics/stage-counts.ts";
import { stageFlows } from "../../metrics/stage-flows.ts";
import { loadOperationsConfig } from "../../operations/operations-config.ts";
import { stageLabel, stageOrder } from "../../operations/stage-labels.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { addDays } from "../../calendar.ts";
import { asOfOrLastDay } from "./as-of-default.ts";

export const stages: MetricCommand = {
  name: "stages",
  summary: "users per lifecycle stage (新客/活跃/沉默/流失) on a date, or weekly moves between stages",
  usage: `opsbook metric stages [--as-of DATE] [--flows] [--weeks N] [--db FILE] [--json]

  Thresholds and naming come from "stages" in opsbook.config.json (default: new = first seen in
  the last 7 days, silent from 8 idle days, churned from 31).
  --flows     weekly moves (previous Sunday → this Sunday) for the N weeks up to the as-of date
  --weeks N   with --flows, how many weeks (default 8)`,
  options: { "as-of": { type: "string" }, flows: { type: "boolean" }, weeks: { type: "string" }, db: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const ops = loadOperationsConfig();
    const weeks = values.weeks === undefined ? 8 : Number(values.weeks);
    if (!Number.isInteger(weeks) || weeks < 1) throw new UsageError(`--weeks must be a positive whole number, got ${JSON.stringify(values.weeks)}`);
    const { asOf, rows } = await withWarehouse(async ({ connection }, config) => {
      const asOf = await asOfOrLastDay(connection, values);
      const query = values.flows ? stageFlows({ start: addDays(asOf, -7 * weeks + 1), end: asOf, timezone: config.timezone }, ops.stages) : stageCounts({ asOf, timezone: config.timezone }, ops.stages);
      const rows = await queryRows(connection, query);
      const label = (k: unknown) => stageLabel(String(k), ops.stages.naming, config.locale);
      if (values.flows) return { asOf, rows: rows.map((r) => ({ ...r, from_label: label(r.from_stage), to_label: label(r.to_stage) })) };
      const order = stageOrder[ops.stages.naming];
      rows.sort((a, b) => order.indexOf(a.stage as never) - order.indexOf(b.stage as never));
      return { asOf, rows: rows.map((r) => ({ stage: r.stage, label: label(r.stage), users: r.users, share: r.share, avg_idle_days: r.avg_idle_days })) };
    }, { dbPath: values.db as string | undefined });
    if (values.json) console.log(JSON.stringify({ asOf, naming: ops.stages.naming, thresholds: ops.stages, rows }));
    else printTable(rows);
    return 0;
  }
};
