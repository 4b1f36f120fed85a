import { collectBlocks } from "../markdown/collect-blocks.ts";
import type { LoaderOutput } from "../site/loader-output.ts";
import { analysisOutput } from "../site/outputs/analysis-output.ts";
import { blockOutput } from "../site/outputs/block-output.ts";
import { calendarOutput } from "../site/outputs/calendar-output.ts";
import { churnOutput } from "../site/outputs/churn-output.ts";
import { exploreOrdersOutput } from "../site/outputs/explore-orders-output.ts";
import { exploreSummaryOutput } from "../site/outputs/explore-summary-output.ts";
import { liveOutput } from "../site/outputs/live-output.ts";
import { monthlyOutput } from "../site/outputs/monthly-output.ts";
import { npsOutput } from "../site/outputs/nps-output.ts";
import { profileOutput } from "../site/outputs/profile-output.ts";
import { retroOutput } from "../site/outputs/retro-output.ts";
import { siteOutput } from "../site/outputs/site-output.ts";
import { weeklyOutput } from "../site/outputs/weekly-output.ts";
import type { SiteIndex } from "../site/site-index.ts";

export { targetOf } from "./loader-target.ts";

export interface InProcessLoader {
  /** The function the loader script prints. */
  output: LoaderOutput;
  /** The route params of every output the site's pages read. */
  params(index: SiteIndex, frameworkRoot: string): Record<string, string>[];
}

const once = () => [{}];

/**
 * Each data loader under reports/data, by path, with the function its script runs: the build
 * computes the stale outputs with these in its own process. A loader missing here still works,
 * Framework just runs it as a script (a test keeps the two lists equal).
 */
export const inProcessLoaders: Record<string, InProcessLoader> = {
  "data/weekly-[week].json.ts": { output: weeklyOutput, params: (index) => index.weeks.map((w) => ({ week: w.week })) },
  "data/monthly-[month].json.ts": { output: monthlyOutput, params: (index) => index.months.map((m) => ({ month: m.month })) },
  "data/retro-[campaign].json.ts": { output: retroOutput, params: (index) => index.campaigns.map((c) => ({ campaign: c.slug })) },
  "data/live-[campaign].json.ts": { output: liveOutput, params: (index) => index.campaigns.map((c) => ({ campaign: c.slug })) },
  "data/block-[hash].json.ts": { output: blockOutput, params: (_, frameworkRoot) => [...collectBlocks(frameworkRoot).keys()].map((hash) => ({ hash })) },
  "data/analysis.json.ts": { output: analysisOutput, params: once },
  "data/calendar.json.ts": { output: calendarOutput, params: once },
  "data/churn.json.ts": { output: churnOutput, params: once },
  "data/explore-orders.arrow.ts": { output: exploreOrdersOutput, params: once },
  "data/explore-summary.json.ts": { output: exploreSummaryOutput, params: once },
  "data/nps.json.ts": { output: npsOutput, params: once },
  "data/profile.json.ts": { output: profileOutput, params: once },
  "data/site.json.ts": { output: siteOutput, params: once }
};

