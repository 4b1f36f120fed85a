import { definitionFields, parseFunnelDefinition } from "../../metrics/definitions.ts";
import { computeFunnel, type FunnelStep } from "../../metrics/funnel.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label, percent, readSpec, seconds, sourceOptions, sourceUsage, withEvents } from "./behaviour-source.ts";

function table(steps: FunnelStep[], group?: string) {
  return steps.map((s, i) => ({
    ...(group === undefined ? {} : { [label("分组", "group")]: group }),
    [label("步骤", "step")]: `${i + 1}. ${s.name}`,
    [label("用户数", "users")]: s.count,
    [label("总转化率", "from first")]: percent(s.conversion_from_first),
    [label("环节转化率", "from previous")]: percent(s.conversion_from_previous),
    [label("中位耗时(秒)", "median s")]: seconds(s.median_seconds_from_previous),
    [label("平均耗时(秒)", "average s")]: seconds(s.avg_seconds_from_previous)
  }));
}

export const funnel: MetricCommand = {
  name: "funnel",
  summary: "conversion funnel (漏斗) from raw events: ordered, strict or unordered, with breakdown",
  usage: `opsbook metric funnel --spec funnel.yaml ${sourceUsage}

  funnel.yaml:  steps: [浏览商品, 加入购物车, {event: 提交订单, where: {platform: ios}}]
                window: 14d   order: ordered|strict|unordered   breakdown: channel
                from: 2026-11-01   to: 2026-11-16   timezone: Asia/Shanghai`,
  options: sourceOptions,
  async run(values) {
    const def = readSpec(values, parseFunnelDefinition);
    const result = await withEvents(values, def.timezone, (connection) => computeFunnel(connection, def), definitionFields(def));
    if (values.json) console.log(JSON.stringify(result));
    else {
      printTable(table(result.steps));
      if (result.breakdown.length > 0) {
        console.log("");
        printTable(result.breakdown.flatMap((g) => table(g.steps, g.value)));
      }
    }
    return 0;
  }
};
