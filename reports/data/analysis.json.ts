import { addDays } from "../../src/calendar.ts";
import { computeRows } from "../../src/site/call-compute.ts";
import type { DefinitionsModule, LifecycleModule, RetentionModule, RfmModule } from "../../src/site/metric-contracts.ts";
import { optionalMetric } from "../../src/site/optional-module.ts";
import { siteIndex } from "../../src/site/site-index.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// The channels, content, users and experiments pages over the last 8 full-or-partial weeks.
const { weeks, lastDay } = await siteIndex();
const start = weeks[Math.min(7, weeks.length - 1)]?.start ?? null;
const end = lastDay ? addDays(lastDay, 1) : null;

const data = await withWarehouse(async ({ connection }, config) => {
  if (!start || !end) return { start, end, channels: null, content: null, experiments: null, lifecycle: null, retention: null, rfm: null };
  const definitions = await optionalMetric<DefinitionsModule>("definitions");
  const lifecycle = await optionalMetric<LifecycleModule>("lifecycle");
  const retention = await optionalMetric<RetentionModule>("retention");
  const rfm = await optionalMetric<RfmModule>("rfm");
  const tz = config.timezone;
  return {
    start,
    end,
    channels: await computeRows("channel-performance", "computeChannels", connection, { start, end }),
    content: await computeRows("content-performance", "computeContent", connection, { start, end }),
    experiments: await computeRows("ab-test", "computeExperiments", connection),
    lifecycle: definitions && lifecycle ? await lifecycle.computeLifecycle(connection, definitions.parseLifecycleDefinition({ event: { event: "浏览页面" }, period: "week", from: start, to: end, timezone: tz })) : null,
    retention: definitions && retention ? await retention.computeRetention(connection, definitions.parseRetentionDefinition({ start: { event: "浏览页面" }, return: { event: "浏览页面" }, period: "week", periods: 8, type: "first_time", from: start, to: end, timezone: tz })) : null,
    rfm: rfm ? await rfm.computeRfm(connection, { asOf: lastDay! }) : null
  };
});
process.stdout.write(JSON.stringify(data));
