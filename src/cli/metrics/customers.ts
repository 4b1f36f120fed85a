import { computeCustomerSummary } from "../../metrics/customer-summary.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { asOfOrLastDay } from "./as-of-default.ts";
import { sourceOptions, sourceUsage, withMetricSource } from "./metric-source.ts";

export const customers: MetricCommand = {
  name: "customers",
  summary: "per-customer frequency, recency, T, monetary_value (Python lifetimes compatible) for LTV models",
  usage: `opsbook metric customers ${sourceUsage} [--unit day|week]

  --unit    period purchases are merged into and recency/T are counted in (default day)
  --as-of   end of the observation period (default: last day with data)`,
  options: { ...sourceOptions, unit: { type: "string" } },
  async run(values) {
    const unit = values.unit ?? "day";
    if (unit !== "day" && unit !== "week") throw new UsageError(`--unit must be day or week, got ${JSON.stringify(unit)}`);
    const result = await withMetricSource(values, async (connection) => computeCustomerSummary(connection, { asOf: await asOfOrLastDay(connection, values), unit }));
    if (values.json) console.log(JSON.stringify(result));
    else printTable(result.customers as unknown as Parameters<typeof printTable>[0]);
    return 0;
  }
};
