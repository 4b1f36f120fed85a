import type { MetricCommand } from "../metric-command.ts";
import { kpi } from "./kpi.ts";
import { weekly } from "./weekly.ts";
import { funnel } from "./funnel.ts";
import { retention } from "./retention.ts";
import { lifecycle } from "./lifecycle.ts";
import { paths } from "./paths.ts";

/** Every `opsbook metric` subcommand, in the order --help lists them. */
export const metricCommands: MetricCommand[] = [weekly, kpi, funnel, retention, lifecycle, paths];
