import type { MetricCommand } from "../metric-command.ts";
import { weekly } from "./weekly.ts";
import { calendar } from "./calendar.ts";
import { nps } from "./nps.ts";
import { profile } from "./profile.ts";
import { recall } from "./recall.ts";
import { stages } from "./stages.ts";

/** Every `opsbook metric` subcommand, in the order --help lists them. */
export const metricCommands: MetricCommand[] = [weekly];
metricCommands.push(stages, recall, profile, nps, calendar);
