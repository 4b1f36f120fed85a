import { inferGrain, isGrain, periodLabel } from "../../metrics/grain.ts";
import { kpiDefinition } from "../../metrics/kpi-catalog.ts";
import { computeKpiReport, type KpiValue } from "../../metrics/kpi-report.ts";
import { UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label } from "./behaviour-source.ts";
import { asOfOrLastDay } from "./as-of-default.ts";
import { asOfOption, sourceOptions, sourceUsage, withMetricSource } from "./metric-source.ts";

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export const kpi: MetricCommand = {
  name: "kpi",
  summary: "KPIs of a day, ISO week, month or quarter with 环比, 同比 and target achievement",
  usage: `opsbook metric kpi [--period 2026-W47] [--grain day|week|month|quarter] ${sourceUsage}

  --period   2026-11-18 (day) | 2026-W47 (week) | 2026-11 (month) | 2026-Q4 (quarter);
             default: the --grain period (default week) holding the as-of day
  --grain    inferred from --period when omitted
  --as-of    last day of data to use; a period still running is compared like-for-like`,
  options: { ...sourceOptions, period: { type: "string" }, grain: { type: "string" } },
  async run(values) {
    const grain = values.grain ?? (typeof values.period === "string" ? inferGrain(values.period) : "week");
    if (!isGrain(grain)) throw new UsageError(`--grain must be day, week, month or quarter, got ${JSON.stringify(grain)}`);
    const report = await withMetricSource(values, async (connection) => {
      // Without --period: the period holding the as-of day, i.e. "this week so far".
      const period = typeof values.period === "string" ? values.period : periodLabel(grain, await asOfOrLastDay(connection, values));
      return computeKpiReport(connection, { grain, period, asOf: asOfOption(values) });
    });
    if (values.json) {
      console.log(JSON.stringify(report));
      return 0;
    }
    console.log(`${report.period} (${report.start} – ${report.end}, exclusive)${report.partial ? label(`  部分周期: ${report.daysCovered}/${report.totalDays} 天, 环比/同比按相同天数`, `  partial period: ${report.daysCovered}/${report.totalDays} days, changes compare the same number of days`) : ""}`);
    printTable(report.kpis.map((k: KpiValue) => ({ kpi: label(k.label, kpiDefinition(k.key).labelEn), value: round(k.value, k.unit === "rate" ? 4 : 2), previous: round(k.previous, k.unit === "rate" ? 4 : 2), [label("环比", "vs_previous")]: round(k.change), year_ago: round(k.yearAgo, 2), [label("同比", "yoy")]: round(k.yoyChange), target: k.target, [label("达成率", "achievement")]: round(k.achievement) })));
    return 0;
  }
};
