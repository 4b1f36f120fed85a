import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { computeCampaignLive } from "../../src/metrics/campaign-live.ts";
import { opsbook } from "../helpers/cli.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;

beforeAll(async () => {
  w = await memoryWarehouse();
  await w.connection.run(`
    insert into campaigns (campaign_id, name, start_date, end_date, targets) values ('c1', '秒杀日', '2026-11-10', '2026-11-10', '{"gmv": 2400, "orders": 10}');
    insert into events (user_id, event, ts) values
      ('x1', '浏览页面', '2026-11-10 00:10:00+08'), ('x1', '浏览商品', '2026-11-10 01:20:00+08'),
      ('x2', '浏览页面', '2026-11-10 01:05:00+08'),
      ('x3', '浏览页面', '2026-11-09 23:59:00+08');  -- the evening before: not a participant
    insert into orders (order_id, user_id, ts, amount, status, campaign_id) values
      ('o1', 'x1', '2026-11-10 00:30:00+08', 100, 'paid', 'c1'),
      ('o2', 'x2', '2026-11-10 01:40:00+08', 50, 'paid', 'c1'),
      ('o3', 'x2', '2026-11-10 01:50:00+08', 999, 'refunded', 'c1'),
      ('o4', 'x1', '2026-11-10 00:40:00+08', 70, 'paid', 'other');
  `);
});
afterAll(() => w.close());

describe("live campaign monitoring", () => {
  it("paces cumulative GMV hour by hour against the linear target, up to the last hour with data", async () => {
    const live = await computeCampaignLive(w.connection, "c1", new Date("2026-11-10T01:55:00+08:00"));
    // Data ends at 01:50 (o3), so two hours: 00:00 and 01:00 Shanghai. Target pace = 2400 × k ÷ 24 h.
    expect(live.hourly).toEqual([
      { hour: "2026-11-09T16:00:00.000Z", participants: 1, new_participants: 1, orders: 1, gmv: 100, cumulative_gmv: 100, cumulative_participants: 1, target_pace: 100 },
      { hour: "2026-11-09T17:00:00.000Z", participants: 2, new_participants: 1, orders: 1, gmv: 50, cumulative_gmv: 150, cumulative_participants: 2, target_pace: 200 }
    ]);
    // refunded o3 and the other campaign's o4 are not in GMV; 150 ÷ 2400 = 0.0625; 2 of 24 hours gone
    expect(live.totals).toEqual({ participants: 2, orders: 2, gmv: 150, target_gmv: 2400, achievement: 0.0625, time_elapsed: 2 / 24 });
    expect(live.refreshed_at).toBe("2026-11-09T17:55:00.000Z");
    expect(live.data_through).toBe("2026-11-09T17:50:00.000Z");
    expect(live.funnel.map((s) => [s.step, s.users])).toEqual([["浏览页面", 2], ["浏览商品", 1], ["加入购物车", 0], ["提交订单", 0], ["支付成功", 0]]);
  });

  it("names an unknown campaign", async () => {
    await expect(computeCampaignLive(w.connection, "nope")).rejects.toThrow(/no campaign "nope"/);
  });
});

describe("opsbook build --live", () => {
  const site = inject("site");

  it("refreshes only the campaign's live data file, leaving the pages alone", () => {
    const page = join(site.env.OPSBOOK_DIST, "live", "double11-2026.html");
    expect(existsSync(page)).toBe(true); // built by the full build in global setup
    const before = readFileSync(page, "utf8");
    const r = opsbook(["build", "--live", "double11-2026"], site.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/live-data\/double11-2026\.json refreshed at/);
    const data = JSON.parse(readFileSync(join(site.env.OPSBOOK_DIST, "live-data", "double11-2026.json"), "utf8"));
    expect(data.campaign.campaign_id).toBe("double11-2026");
    expect(Date.now() - Date.parse(data.refreshed_at)).toBeLessThan(120_000);
    expect(data.hourly.length).toBeGreaterThan(24);
    expect(readFileSync(page, "utf8")).toBe(before);
  });

  it("explains what to do when the site was never built or the campaign is unknown", () => {
    const r = opsbook(["build", "--live", "no-such-campaign", "--no-ingest"], site.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/live\/no-such-campaign\.html does not exist: run a full `opsbook build` once/);
  });
});
