import { loadConfig } from "../../config.ts";
import { computeRfm } from "../../metrics/rfm.ts";
import { loadRfmRules } from "../../metrics/rfm-rules.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { asOfOrLastDay } from "./as-of-default.ts";
import { sourceOptions, sourceUsage, withMetricSource } from "./metric-source.ts";

export const rfm: MetricCommand = {
  name: "rfm",
  summary: "RFM quintile scores per customer (R package rfm compatible), tiers with their shares, R×F grid",
  usage: `opsbook metric rfm ${sourceUsage} [--customers]

  --as-of       recency is counted to this day (default: last day with data)
  --customers   also print every customer (JSON always includes them)
  Tier rules: "rfm" in opsbook.config.json (see README, Business metrics).`,
  options: { ...sourceOptions, customers: { type: "boolean" } },
  async run(values) {
    const rules = loadRfmRules(loadConfig().root);
    const result = await withMetricSource(values, async (connection) => computeRfm(connection, { asOf: await asOfOrLastDay(connection, values), rules }));
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    console.log(`RFM as of ${result.asOf}: ${result.customers.length} customers`);
    printTable(result.tiers.map((t) => ({ tier: t.tier, customers: t.customers, customer_share: t.customer_share, revenue: t.revenue, revenue_share: t.revenue_share })));
    console.log("\nR×F (customers; R 5 = most recent, F 5 = most orders)");
    printTable([5, 4, 3, 2, 1].map((r) => ({ R: r, ...Object.fromEntries([1, 2, 3, 4, 5].map((f) => [`F${f}`, result.grid.find((g) => g.r_score === r && g.f_score === f)!.customers])) })));
    if (values.customers) {
      console.log("");
      printTable(result.customers as unknown as Parameters<typeof printTable>[0]);
    }
    return 0;
  }
};
