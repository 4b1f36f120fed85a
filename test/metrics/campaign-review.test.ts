import { describe, expect, it } from "vitest";
import { computeCampaignReview } from "../../src/metrics/campaign-review.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

async function fixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`
    insert into campaigns (campaign_id, name, type, start_date, end_date, budget, targets) values
      ('c1', '年中闪购', '大促', '2026-06-10', '2026-06-11', 1000, '{"gmv": 400, "orders": 4, "profit": 5}'),
      ('c2', '无投放', '召回', '2026-09-01', '2026-09-01', null, null);
    insert into spend (date, channel, campaign_id, impressions, clicks, cost) values
      ('2026-06-09', '抖音', 'c1', 1000, 50, 40), ('2026-06-10', '抖音', 'c1', 3000, 150, 60), ('2026-06-10', '抖音', '日常', 9000, 900, 500);
    insert into events (user_id, event, ts) values ('u1', '浏览页面', '2026-06-10 09:00:00+08'), ('u3', '浏览页面', '2026-06-11 09:00:00+08');
    insert into orders (order_id, user_id, ts, amount, status, campaign_id) values
      ('1', 'u1', '2026-06-10 10:00:00+08', 100, 'paid', 'c1'), ('2', 'u2', '2026-06-11 23:00:00+08', 200, 'paid', 'c1'),
      ('3', 'u2', '2026-06-11 10:00:00+08', 50, 'refunded', 'c1'),
      ('4', 'u4', '2026-06-08 10:00:00+08', 30, 'paid', null), ('5', 'u4', '2026-06-09 10:00:00+08', 50, 'paid', null),
      ('6', 'u5', '2026-05-20 10:00:00+08', 200, 'paid', null), ('7', 'u5', '2026-05-12 10:00:00+08', 7000, 'paid', null);`);
  return w;
}

describe("computeCampaignReview", () => {
  it("reviews targets, funnel, lift over both baselines, cost and ROI", async () => {
    const w = await fixture();
    const r = await computeCampaignReview(w.connection, "c1");
    expect(r.campaign).toMatchObject({ name: "年中闪购", start_date: "2026-06-10", end_date: "2026-06-11", days: 2, budget: 1000 });
    // Paid GMV 06-10 … 06-11: 100 + 200 (the refund is out) = 300 from 2 orders; profit is not a KPI.
    expect(r.targets).toEqual([
      { metric: "gmv", target: 400, actual: 300, achievement: 0.75 },
      { metric: "orders", target: 4, actual: 2, achievement: 0.5 },
      { metric: "profit", target: 5, actual: null, achievement: null }
    ]);
    // Tagged ad rows: 1000 + 3000 impressions, 50 + 150 clicks; visitors u1, u3; payers u1, u2.
    expect(r.funnel).toEqual([{ step: "曝光", users: 4000 }, { step: "点击", users: 200 }, { step: "参与", users: 2 }, { step: "转化", users: 2 }]);
    // Before: the 2 days 06-08, 06-09 → 80. Trailing 4 weeks 05-13 … 06-09: 30 + 50 + 200 = 280 → 10 a day → 20
    // (05-12's 7000 is one day too early).
    expect(r.lift).toEqual([
      { baseline: "before", baseline_gmv: 80, campaign_gmv: 300, incremental_gmv: 220, lift: 2.75 },
      { baseline: "trailing4w", baseline_gmv: 20, campaign_gmv: 300, incremental_gmv: 280, lift: 14 }
    ]);
    expect(r.daily).toEqual([
      { date: "2026-06-10", gmv: 100, orders: 1, baseline_gmv: 10 },
      { date: "2026-06-11", gmv: 200, orders: 1, baseline_gmv: 10 }
    ]);
    // Cost = tagged spend 40 + 60 (the 500 of 日常 is not this campaign's); ROI = (280 − 100) ÷ 100.
    expect(r).toMatchObject({ attributed_gmv: 300, spend: 100, cost: 100, cost_source: "spend", roi: 1.8 });
  });

  it("has no ROI or lift, not Infinity, without cost or baseline", async () => {
    const w = await fixture();
    const r = await computeCampaignReview(w.connection, "c2");
    expect(r).toMatchObject({ targets: [], spend: 0, cost: null, cost_source: null, roi: null });
    expect(r.lift.map((l) => l.lift)).toEqual([null, null]);
    expect(r.funnel[0]).toEqual({ step: "曝光", users: null });
  });

  it("names the known campaigns when the id is wrong", async () => {
    const w = await fixture();
    await expect(computeCampaignReview(w.connection, "c9")).rejects.toThrow('no campaign "c9" (known: c1, c2)');
  });
});
