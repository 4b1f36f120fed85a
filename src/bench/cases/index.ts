import type { BenchCase } from "../bench-case.ts";
import { kpiReportCase } from "./kpi-report.ts";
import { weeklyKpisCase } from "./weekly-kpis.ts";
import { fullBuildCase } from "./full-build.ts";
import { explorerLoadCase } from "./explorer-load.ts";
import { weeklyFromExportsCase } from "./weekly-from-exports.ts";
import { noChangeRebuildCase } from "./no-change-rebuild.ts";
import { ingestCase, reingestCase } from "./ingest.ts";
import { pageWeightCase } from "./page-weight.ts";
import { behaviourFunnelCase } from "./behaviour-funnel.ts";
import { behaviourRetentionCase } from "./behaviour-retention.ts";
import { behaviourLifecycleCase } from "./behaviour-lifecycle.ts";
import { funnelVsPandasCase } from "./funnel-vs-pandas.ts";
import { retentionVsPandasCase } from "./retention-vs-pandas.ts";
import { lifecycleVsPandasCase } from "./lifecycle-vs-pandas.ts";
import { campaignLiveCase } from "./campaign-live.ts";
import { rebuildOneNewWeekCase } from "./rebuild-one-new-week.ts";

/** Every benchmark case, in the order the table lists them. */
export const benchCases: BenchCase[] = [
  ingestCase, reingestCase, weeklyKpisCase, kpiReportCase, behaviourFunnelCase, behaviourRetentionCase, behaviourLifecycleCase,
  funnelVsPandasCase, retentionVsPandasCase, lifecycleVsPandasCase, noChangeRebuildCase,
  fullBuildCase, explorerLoadCase, weeklyFromExportsCase, pageWeightCase
];
benchCases.push(campaignLiveCase);
benchCases.push(rebuildOneNewWeekCase);
