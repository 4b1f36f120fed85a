import { computeContent } from "../../metrics/content-performance.ts";
import { intOption } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { rangeHelp, rangeOption, rangeOptions, rangeUsage } from "./date-range.ts";
import { sourceOptions, withMetricSource } from "./metric-source.ts";

export const content: MetricCommand = {
  name: "content",
  summary: "content per platform and per piece: views, like/share/comment/interaction rates, followers, top and bottom",
  usage: `opsbook metric content ${rangeUsage} [--top N] [--db FILE] [--as-of DATE] [--json]

${rangeHelp} (28 days)
  --top N         how many best and worst pieces to list (default 5)`,
  options: { db: sourceOptions.db, "as-of": sourceOptions["as-of"], json: sourceOptions.json, top: { type: "string" }, ...rangeOptions },
  async run(values) {
    const top = intOption(values, "top") ?? 5;
    const report = await withMetricSource(values, async (connection) => computeContent(connection, { ...(await rangeOption(connection, values, 28)), top }));
    if (values.json) {
      console.log(JSON.stringify(report));
      return 0;
    }
    const brief = (rows: typeof report.pieces) => rows.map((p) => ({ platform: p.platform, title: p.title, views: p.views, like_rate: p.like_rate, interaction_rate: p.interaction_rate, followers_gained: p.followers_gained }));
    console.log(`${report.start} – ${report.end} (exclusive)`);
    printTable(report.platforms as unknown as Parameters<typeof printTable>[0]);
    console.log(`\nTop ${top}`);
    printTable(brief(report.top));
    console.log(`\nBottom ${top}`);
    printTable(brief(report.bottom));
    return 0;
  }
};
