import { definitionFields, parseRetentionDefinition } from "../../metrics/definitions.ts";
import { computeRetention, retentionRate } from "../../metrics/retention.ts";
import type { Row } from "../../warehouse/query-rows.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label, percent, readSpec, sourceOptions, sourceUsage, withEvents } from "./behaviour-source.ts";

export const retention: MetricCommand = {
  name: "retention",
  summary: "cohort retention (留存) by day, week or month, first_time or recurring",
  usage: `opsbook metric retention --spec retention.yaml ${sourceUsage}

  retention.yaml:  start: 注册   return: 浏览页面   period: day|week|month   periods: 30
                   type: first_time|recurring   mode: on|on_or_after   from: 2026-10-01   to: 2026-11-01`,
  options: sourceOptions,
  async run(values) {
    const def = readSpec(values, parseRetentionDefinition);
    const result = await withEvents(values, def.timezone, (connection) => computeRetention(connection, def), definitionFields(def));
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    const unit = { day: label("天", "day"), week: label("周", "week"), month: label("月", "month") }[def.period];
    const rows: Row[] = result.cohorts.map((c) => {
      const row: Row = { [label("同期群", "cohort")]: c.start, [label("人数", "users")]: c.size };
      c.values.slice(1).forEach((v, i) => (row[`${unit}${i + 1}`] = v === null ? null : percent(c.size ? v / c.size : null)));
      return row;
    });
    printTable(rows);
    if (def.period === "day") {
      const figures = [1, 7, 30].filter((k) => k <= def.periods).map((k) => `${label(k === 1 ? "次日留存" : `${k}日留存`, `day-${k} retention`)} ${percent(retentionRate(result, k)) ?? "—"}`);
      if (figures.length) console.log(`\n${figures.join("   ")}`);
    }
    return 0;
  }
};
