import type { MetricCommand } from "../metric-command.ts";
import { abtest } from "./abtest.ts";
import { anomalies } from "./anomalies.ts";
import { campaign } from "./campaign.ts";
import { channels } from "./channels.ts";
import { content } from "./content.ts";
import { customers } from "./customers.ts";
import { kpi } from "./kpi.ts";
import { rfm } from "./rfm.ts";
import { weekly } from "./weekly.ts";
import { funnel } from "./funnel.ts";
import { retention } from "./retention.ts";
import { lifecycle } from "./lifecycle.ts";
import { paths } from "./paths.ts";
import { calendar } from "./calendar.ts";
import { nps } from "./nps.ts";
import { profile } from "./profile.ts";
import { recall } from "./recall.ts";
import { stages } from "./stages.ts";

/** Every `opsbook metric` subcommand, in the order --help lists them. */
export const metricCommands: MetricCommand[] = [weekly, kpi, funnel, retention, lifecycle, paths, rfm, customers, channels, content, campaign, abtest, anomalies];
metricCommands.push(stages, recall, profile, nps, calendar);
