import { addDays } from "../../calendar.ts";
import { computeExperiments } from "../../metrics/ab-test.ts";
import { computeChannels } from "../../metrics/channel-performance.ts";
import { computeContent } from "../../metrics/content-performance.ts";
import { parseLifecycleDefinition, parseRetentionDefinition } from "../../metrics/definitions.ts";
import { computeLifecycle } from "../../metrics/lifecycle.ts";
import { computeRetention } from "../../metrics/retention.ts";
import { computeRfm } from "../../metrics/rfm.ts";
import type { LoaderOutput } from "../loader-output.ts";
import { siteIndexOf } from "../site-index.ts";

/** data/analysis.json: the channels, content, users and experiments pages, over the last 8 weeks of data. */
export const analysisOutput: LoaderOutput = async ({ connection, config: { timezone } }) => {
  const { weeks, lastDay } = await siteIndexOf(connection);
  if (!lastDay || !weeks.length) throw new Error("the warehouse has no events: run `opsbook ingest` first");
  const start = weeks[Math.min(7, weeks.length - 1)].start;
  const end = addDays(lastDay, 1);
  const channels = await computeChannels(connection, { start, end });
  const content = await computeContent(connection, { start, end, top: 20 });
  const { tiers, grid } = await computeRfm(connection, { asOf: lastDay });
  return JSON.stringify({
    start,
    end,
    channels: { groups: channels.groups, channels: channels.channels, mix: channels.mix },
    content: { platforms: content.platforms, top: content.top },
    experiments: await computeExperiments(connection),
    lifecycle: (await computeLifecycle(connection, parseLifecycleDefinition({ event: { event: "浏览页面" }, period: "week", from: start, to: end, timezone }))).periods,
    retention: await computeRetention(connection, parseRetentionDefinition({ start: { event: "浏览页面" }, return: { event: "浏览页面" }, period: "week", periods: 7, type: "first_time", from: start, to: end, timezone })),
    // Customers stay out: the page shows tiers and the grid, not a row per customer.
    rfm: { tiers, grid }
  });
};
