import { computeChannels } from "../../metrics/channel-performance.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { rangeHelp, rangeOption, rangeOptions, rangeUsage } from "./date-range.ts";
import { sourceOptions, withMetricSource } from "./metric-source.ts";

export const channels: MetricCommand = {
  name: "channels",
  summary: "spend, new customers, CAC, revenue, ROAS, ROI, LTV and payback by channel and 公域/私域",
  usage: `opsbook metric channels ${rangeUsage} [--db FILE | --orders FILE.csv] [--as-of DATE] [--json]

${rangeHelp} (28 days)
  Customers belong to their acquisition channel (first touch); LTV counts their revenue up to --as-of.`,
  options: { db: sourceOptions.db, orders: sourceOptions.orders, "as-of": sourceOptions["as-of"], json: sourceOptions.json, ...rangeOptions },
  async run(values) {
    const report = await withMetricSource(values, async (connection) => computeChannels(connection, await rangeOption(connection, values, 28)));
    if (values.json) {
      console.log(JSON.stringify(report));
      return 0;
    }
    console.log(`${report.start} – ${report.end} (exclusive), LTV as of ${report.asOf}`);
    printTable(report.channels as unknown as Parameters<typeof printTable>[0]);
    console.log("");
    printTable(report.groups.map(({ channel_group: _g, ...g }) => g) as unknown as Parameters<typeof printTable>[0]);
    return 0;
  }
};
