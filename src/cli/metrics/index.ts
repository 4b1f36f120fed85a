import type { MetricCommand } from "../metric-command.ts";
import { kpi } from "./kpi.ts";
import { weekly } from "./weekly.ts";

/** Every `opsbook metric` subcommand, in the order --help lists them. */
export const metricCommands: MetricCommand[] = [weekly, kpi];
