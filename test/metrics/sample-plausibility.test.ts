import { describe, expect, inject, it } from "vitest";
import { computeChannels } from "../../src/metrics/channel-performance.ts";
import { dataSpan } from "../../src/metrics/data-span.ts";
import { computeRfm } from "../../src/metrics/rfm.ts";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";

/**
 * The test site's sample (600 users, 70 days) through the default rules should look like what an
 * operations analyst expects (DOMAIN.md §3: 高价值 10–20 % of customers with about half the revenue,
 * 潜力 30–40 %). Ranges are a little wider than the seed's: the sample is small.
 */
describe("the sample, as an analyst would see it", () => {
  it("has RFM tiers in the usual proportions", async () => {
    const site = inject("site");
    const warehouse = await openWarehouse({ dbPath: site.env.OPSBOOK_DB, timezone: "Asia/Shanghai", readOnly: true });
    try {
      const { last } = await dataSpan(warehouse.connection);
      const { tiers } = await computeRfm(warehouse.connection, { asOf: last! });
      const tier = (name: string) => tiers.find((t) => t.tier === name)!;
      expect(tier("高价值").customer_share).toBeGreaterThan(0.1);
      expect(tier("高价值").customer_share).toBeLessThan(0.25);
      expect(tier("高价值").revenue_share).toBeGreaterThan(0.35);
      expect(tier("潜力").customer_share).toBeGreaterThan(0.25);
      expect(tier("潜力").customer_share).toBeLessThan(0.45);
      expect(tiers.reduce((s, t) => s + t.customers, 0)).toBeGreaterThan(100);

      // Paid public channels cost something per customer and earn it back; private pools cost nothing.
      const { channels } = await computeChannels(warehouse.connection, { start: "2026-10-01", end: "2026-11-01" });
      for (const c of channels) {
        if (c.spend > 0) expect(c.cac).toBeGreaterThan(20);
        else expect(c.roas).toBeNull();
        if (c.channel_group === "私域") expect(c.spend).toBe(0);
      }
    } finally {
      warehouse.close();
    }
  });
});
