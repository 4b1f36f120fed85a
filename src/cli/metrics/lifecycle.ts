import { definitionFields, parseLifecycleDefinition } from "../../metrics/definitions.ts";
import { computeLifecycle } from "../../metrics/lifecycle.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label, readSpec, sourceOptions, sourceUsage, withEvents } from "./behaviour-source.ts";

export const lifecycle: MetricCommand = {
  name: "lifecycle",
  summary: "user lifecycle per period: new, returning, resurrecting, dormant (新增/留存/回流/流失)",
  usage: `opsbook metric lifecycle --spec lifecycle.yaml ${sourceUsage}

  lifecycle.yaml:  event: 浏览页面   period: day|week|month   from: 2026-09-01   to: 2026-12-01`,
  options: sourceOptions,
  async run(values) {
    const def = readSpec(values, parseLifecycleDefinition);
    const result = await withEvents(values, def.timezone, (connection) => computeLifecycle(connection, def), definitionFields(def));
    if (values.json) console.log(JSON.stringify(result));
    else
      printTable(
        result.periods.map((p) => ({
          [label("周期", "period")]: p.start,
          [label("新增", "new")]: p.new,
          [label("持续活跃", "returning")]: p.returning,
          [label("回流", "resurrecting")]: p.resurrecting,
          [label("流失", "dormant")]: p.dormant
        }))
      );
    return 0;
  }
};

