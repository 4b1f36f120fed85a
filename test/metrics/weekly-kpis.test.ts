import { describe, expect, it } from "vitest";
import { dailyGmv } from "../../src/metrics/daily-gmv.ts";
import { weekPeriod } from "../../src/metrics/period.ts";
import { weeklyKpis } from "../../src/metrics/weekly-kpis.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/**
 * Week 2026-W47 is Mon 11-16 … Sun 11-22 (Shanghai). By hand:
 * current week: page views by u1 (twice, two days), u2, u3 → UV 3 (u1 counted once, not per day);
 *   paid orders 100 (u1) + 50 (u2); a refunded 999 and a cancelled 7 do not count → GMV 150,
 *   orders 2, payers 2, conversion 2/3.
 *   An order at 2026-11-22 23:30 Shanghai (15:30 UTC) is in W47; 2026-11-23 00:10 Shanghai
 *   (11-22 16:10 UTC) is already W48.
 * previous week: u1 views, order 80 → UV 1, GMV 80, conversion 1.
 */
async function fixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`
    insert into events (user_id, event, ts) values
      ('u1', '浏览页面', '2026-11-16 09:00:00+08'), ('u1', '浏览页面', '2026-11-17 09:00:00+08'),
      ('u2', '浏览页面', '2026-11-18 12:00:00+08'), ('u3', '$pageview', '2026-11-22 23:59:00+08'),
      ('u4', '加入购物车', '2026-11-18 12:00:00+08'),
      ('u9', '浏览页面', '2026-11-23 00:10:00+08'),
      ('u1', '浏览页面', '2026-11-10 09:00:00+08');
    insert into orders (order_id, user_id, ts, amount, status) values
      ('o1', 'u1', '2026-11-16 10:00:00+08', 100, 'paid'),
      ('o2', 'u2', '2026-11-22 23:30:00+08', 50, 'paid'),
      ('o3', 'u2', '2026-11-18 10:00:00+08', 999, 'refunded'),
      ('o4', 'u3', '2026-11-18 10:00:00+08', 7, 'cancelled'),
      ('o5', 'u9', '2026-11-23 00:10:00+08', 60, 'paid'),
      ('o6', 'u1', '2026-11-10 10:00:00+08', 80, 'paid');`);
  return w;
}

describe("weeklyKpis", () => {
  it("computes the week and the week before, distinct users per week", async () => {
    const w = await fixture();
    const [current, previous] = await w.rows(weeklyKpis(weekPeriod("2026-W47")));
    expect(current).toMatchObject({ period: "current", start: "2026-11-16", end: "2026-11-23", uv: 3, orders: 2, payers: 2, gmv: 150 });
    expect(current.conversion_rate).toBeCloseTo(2 / 3, 10);
    expect(previous).toMatchObject({ period: "previous", start: "2026-11-09", uv: 1, orders: 1, gmv: 80, conversion_rate: 1 });
  });

  it("gives zeros and no rate, not NaN, for a week without data", async () => {
    const w = await fixture();
    const [current] = await w.rows(weeklyKpis(weekPeriod("2026-W30")));
    expect(current).toMatchObject({ uv: 0, orders: 0, gmv: 0, conversion_rate: null });
  });
});

describe("weekly boundaries in Shanghai time", () => {
  it("puts Monday 00:10 Shanghai (Sunday 16:10 UTC) in the new week, not the old one", async () => {
    // Only boundary rows, 8 hours from midnight UTC: a day cut in UTC would put them in W47.
    const w = await memoryWarehouse();
    await w.connection.run(`insert into events (user_id, event, ts) values ('u1', '浏览页面', '2026-11-23 00:10:00+08');
      insert into orders (order_id, user_id, ts, amount, status) values ('o1', 'u1', '2026-11-23 00:10:00+08', 10, 'paid');`);
    const [w47] = await w.rows(weeklyKpis(weekPeriod("2026-W47")));
    expect(w47).toMatchObject({ uv: 0, orders: 0, gmv: 0 });
    const [w48, previous] = await w.rows(weeklyKpis(weekPeriod("2026-W48")));
    expect(w48).toMatchObject({ uv: 1, orders: 1, gmv: 10 });
    expect(previous).toMatchObject({ uv: 0, orders: 0 });
  });
});

describe("dailyGmv", () => {
  it("lists every day of the week, empty days as zero", async () => {
    const w = await fixture();
    const rows = await w.rows(dailyGmv(weekPeriod("2026-W47")));
    expect(rows.map((r) => r.date)).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(rows.map((r) => r.gmv)).toEqual([100, 0, 0, 0, 0, 0, 50]);
  });
});
