import { describe, expect, it } from "vitest";
import { computeChannelRanges, computeChannels } from "../../src/metrics/channel-performance.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/**
 * June 2026, as of 08-15. u1, u2 came from 抖音, u3 from 企业微信; u4 has no user row, so its first
 * order's channel (知乎, not in the channels table) is its channel.
 */
async function fixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`
    insert into channels values ('抖音', '公域'), ('企业微信', '私域');
    insert into users (user_id, channel) values ('u1', '抖音'), ('u2', '抖音'), ('u3', '企业微信');
    insert into spend (date, channel, cost) values ('2026-06-05', '抖音', 100), ('2026-06-20', '抖音', 100), ('2026-07-05', '抖音', 999);
    insert into orders (order_id, user_id, ts, amount, status, channel) values
      ('1', 'u1', '2026-06-10 10:00:00+08', 50, 'paid', '抖音'), ('2', 'u1', '2026-07-20 10:00:00+08', 200, 'paid', '抖音'),
      ('3', 'u2', '2026-05-20 10:00:00+08', 80, 'paid', '抖音'), ('4', 'u2', '2026-06-15 10:00:00+08', 60, 'paid', '抖音'),
      ('5', 'u3', '2026-06-02 10:00:00+08', 300, 'paid', '企业微信'), ('6', 'u3', '2026-06-03 10:00:00+08', 500, 'refunded', '企业微信'),
      ('7', 'u4', '2026-06-25 10:00:00+08', 40, 'paid', '知乎');`);
  return w;
}

describe("computeChannels", () => {
  it("computes CAC, ROAS, ROI, cohort LTV and payback per channel", async () => {
    const w = await fixture();
    const r = await computeChannels(w.connection, { start: "2026-06-01", end: "2026-07-01", asOf: "2026-08-15" });
    const byName = Object.fromEntries(r.channels.map((c) => [c.channel, c]));
    // 抖音: spend 100 + 100 (07-05 is July); new: u1 only (u2 first bought in May) → CAC 200.
    // Revenue in June: u1 50 + u2 60 = 110 → ROAS 0.55, ROI (110 − 200)/200 = −0.45.
    // u1's revenue to date 50 + 200 = 250 → LTV 250; 50 < 200 in days 0–29, 250 ≥ 200 by day 40 → payback month 1.
    expect(byName["抖音"]).toEqual({ channel: "抖音", channel_group: "公域", spend: 200, new_customers: 1, cac: 200, revenue: 110, roas: 0.55, roi: -0.45, ltv: 250, payback_months: 1 });
    // 企业微信 costs nothing: CAC 0, and ROAS/ROI have no base (null, shown as —); the refund is not revenue.
    expect(byName["企业微信"]).toEqual({ channel: "企业微信", channel_group: "私域", spend: 0, new_customers: 1, cac: 0, revenue: 300, roas: null, roi: null, ltv: 300, payback_months: 0 });
    expect(byName["知乎"]).toMatchObject({ channel_group: "未分组", new_customers: 1, revenue: 40 });
    expect(r.groups.map((g) => [g.channel, g.spend, g.new_customers, g.revenue])).toEqual([["公域", 200, 1, 110], ["私域", 0, 1, 300], ["未分组", 0, 1, 40]]);
  });

  it("gives no CAC, not Infinity, when spend bought no new customers", async () => {
    const w = await fixture();
    const r = await computeChannels(w.connection, { start: "2026-07-01", end: "2026-08-01", asOf: "2026-08-15" });
    // July: 999 spent on 抖音, nobody new; u1's 200 is revenue.
    expect(r.channels).toEqual([{ channel: "抖音", channel_group: "公域", spend: 999, new_customers: 0, cac: null, revenue: 200, roas: 200 / 999, roi: (200 - 999) / 999, ltv: null, payback_months: null }]);
  });

  it("shares each week's new customers, spend and revenue between channels", async () => {
    const w = await fixture();
    const { mix } = await computeChannels(w.connection, { start: "2026-06-01", end: "2026-07-01", asOf: "2026-08-15" });
    // W23 (06-01 … 06-07): u3 new via 企业微信 with 300 revenue; 抖音 spent 100 and sold nothing.
    expect(mix.filter((m) => m.week === "2026-W23")).toEqual([
      { week: "2026-W23", channel: "企业微信", new_customers: 1, new_share: 1, spend: 0, spend_share: 0, revenue: 300, revenue_share: 1 },
      { week: "2026-W23", channel: "抖音", new_customers: 0, new_share: 0, spend: 100, spend_share: 1, revenue: 0, revenue_share: 0 }
    ]);
  });

  it("computes several ranges in one query, each exactly as on its own", async () => {
    const w = await fixture();
    const ranges = [{ start: "2026-06-01", end: "2026-07-01" }, { start: "2026-07-01", end: "2026-08-01" }, { start: "2026-05-18", end: "2026-05-25" }];
    const batched = await computeChannelRanges(w.connection, ranges, "2026-08-15");
    for (const [i, range] of ranges.entries()) expect(batched[i]).toEqual({ ...(await computeChannels(w.connection, { ...range, asOf: "2026-08-15", mix: false })), mix: [] });
    // By hand: June's 抖音 as in the first test; July only 抖音's 999 and u1's 200; the week of 05-18 u2's first order (80, 抖音).
    expect(batched[0].channels.find((c) => c.channel === "抖音")).toMatchObject({ spend: 200, new_customers: 1, revenue: 110, ltv: 250 });
    expect(batched[1].channels.map((c) => [c.channel, c.spend, c.new_customers, c.revenue])).toEqual([["抖音", 999, 0, 200]]);
    // u2's revenue to date 80 + 60 = 140 over 1 new customer; no spend, so no CAC base.
    expect(batched[2].channels).toEqual([{ channel: "抖音", channel_group: "公域", spend: 0, new_customers: 1, cac: 0, revenue: 80, roas: null, roi: null, ltv: 140, payback_months: 0 }]);
  });
});
