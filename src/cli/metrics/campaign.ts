import { computeCampaignReview } from "../../metrics/campaign-review.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label } from "./behaviour-source.ts";
import { sourceOptions, withMetricSource } from "./metric-source.ts";

export const campaign: MetricCommand = {
  name: "campaign",
  summary: "活动复盘: target achievement, funnel, lift over two baselines, incremental GMV, cost, ROI",
  usage: `opsbook metric campaign CAMPAIGN_ID [--db FILE] [--json]
       opsbook metric campaign            lists the campaigns`,
  options: { db: sourceOptions.db, json: sourceOptions.json },
  async run(values, positionals) {
    const [id] = positionals;
    return withMetricSource(values, async (connection) => {
      if (!id) {
        const rows = await queryRows(connection, { sql: `select campaign_id, name, type, start_date, end_date, budget from campaigns order by start_date` });
        if (values.json) console.log(JSON.stringify({ campaigns: rows }));
        else printTable(rows);
        return 0;
      }
      const review = await computeCampaignReview(connection, id);
      if (values.json) {
        console.log(JSON.stringify(review));
        return 0;
      }
      const c = review.campaign;
      console.log(`${c.name} (${c.campaign_id}) ${c.start_date} – ${c.end_date}, ${c.days} ${label("天", "days")}`);
      printTable(review.targets);
      console.log("");
      printTable(review.funnel);
      console.log("");
      printTable(review.lift);
      console.log(`\ncost ${review.cost ?? "—"} (${review.cost_source ?? "no spend or budget"}), ROI ${review.roi === null ? "—" : review.roi.toFixed(2)}`);
      return 0;
    });
  }
};
