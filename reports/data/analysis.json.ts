import { addDays } from "../../src/calendar.ts";
import { computeExperiments } from "../../src/metrics/ab-test.ts";
import { computeChannels } from "../../src/metrics/channel-performance.ts";
import { computeContent } from "../../src/metrics/content-performance.ts";
import { parseLifecycleDefinition, parseRetentionDefinition } from "../../src/metrics/definitions.ts";
import { computeLifecycle } from "../../src/metrics/lifecycle.ts";
import { computeRetention } from "../../src/metrics/retention.ts";
import { computeRfm } from "../../src/metrics/rfm.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// The channels, content, users and experiments pages, over the last 8 weeks of data.
const { weeks, lastDay } = await siteIndex();
if (!lastDay || !weeks.length) throw new Error("the warehouse has no events: run `opsbook ingest` first");
const start = weeks[Math.min(7, weeks.length - 1)].start;
const end = addDays(lastDay, 1);

const data = await withWarehouse(async ({ connection }, { timezone }) => {
  const channels = await computeChannels(connection, { start, end });
  const content = await computeContent(connection, { start, end, top: 20 });
  const { tiers, grid } = await computeRfm(connection, { asOf: lastDay });
  return {
    start,
    end,
    channels: { groups: channels.groups, channels: channels.channels, mix: channels.mix },
    content: { platforms: content.platforms, top: content.top },
    experiments: await computeExperiments(connection),
    lifecycle: (await computeLifecycle(connection, parseLifecycleDefinition({ event: { event: "浏览页面" }, period: "week", from: start, to: end, timezone }))).periods,
    retention: await computeRetention(connection, parseRetentionDefinition({ start: { event: "浏览页面" }, return: { event: "浏览页面" }, period: "week", periods: 7, type: "first_time", from: start, to: end, timezone })),
    // Customers stay out: the page shows tiers and the grid, not a row per customer.
    rfm: { tiers, grid }
  };
});
process.stdout.write(JSON.stringify(data));
