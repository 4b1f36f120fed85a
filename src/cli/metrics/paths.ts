import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import { DefinitionError, parseTimezone } from "../../metrics/definitions.ts";
import { computePaths } from "../../metrics/paths.ts";
import { intOption, UsageError } from "../command.ts";
import type { MetricCommand } from "../metric-command.ts";
import { printTable } from "../print-table.ts";
import { label, percent, sourceOptions, sourceUsage, withEvents } from "./behaviour-source.ts";

export const paths: MetricCommand = {
  name: "paths",
  summary: "where users go right after (or came from right before) an event: top next/previous events",
  usage: `opsbook metric paths --event 加入购物车 [--before] [--top 10] [--from DATE] [--to DATE] ${sourceUsage}
       opsbook metric paths --spec paths.yaml …   (event: {event: 加入购物车, where: {platform: ios}}, direction: after|before, top, from, to)`,
  options: { ...sourceOptions, event: { type: "string" }, before: { type: "boolean" }, top: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  async run(values) {
    let spec: Record<string, unknown> = {};
    if (typeof values.spec === "string") {
      try {
        spec = parseYaml(readFileSync(values.spec, "utf8")) ?? {};
      } catch (error) {
        throw new UsageError(`--spec ${values.spec}: ${(error as Error).message}`);
      }
    }
    const event = values.event ?? spec.event;
    if (event === undefined) throw new UsageError("--event NAME (or a --spec with event:) is required");
    const timezone = parseTimezone(spec.timezone);
    const options = {
      event: event as string,
      direction: (values.before ? "before" : (spec.direction ?? "after")) as "after" | "before",
      top: intOption(values, "top") ?? (spec.top as number | undefined) ?? 10,
      from: (values.from ?? spec.from) as string | undefined,
      to: (values.to ?? spec.to) as string | undefined,
      timezone
    };
    let result;
    try {
      result = await withEvents(values, timezone, (connection) => computePaths(connection, options));
    } catch (error) {
      if (error instanceof DefinitionError && values.spec) throw new Error(`${values.spec}: ${error.message}`);
      throw error;
    }
    if (values.json) console.log(JSON.stringify(result));
    else printTable(result.paths.map((p) => ({ [label(options.direction === "after" ? "下一个事件" : "上一个事件", options.direction === "after" ? "next event" : "previous event")]: p.event, [label("次数", "count")]: p.count, [label("用户数", "users")]: p.users, [label("占比", "share")]: percent(p.share) })));
    return 0;
  }
};
