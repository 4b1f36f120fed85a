import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRecallResults } from "../../src/metrics/recall-results.ts";
import { proportionDifference } from "../../src/operations/intervals.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;

beforeAll(async () => {
  w = await memoryWarehouse();
  const targets = Array.from({ length: 10 }, (_, i) => `('r1', 't${i + 1}', 'target', '2026-11-01 10:00:00+08', '短信')`);
  const holdouts = Array.from({ length: 10 }, (_, i) => `('r1', 'h${i + 1}', 'holdout', null, null)`);
  await w.connection.run(`
    insert into recall values ${[...targets, ...holdouts].map((v) => v.replace(/\)$/, ", 'recall.csv')")).join(", ")};
    -- Window: after 2026-11-01 10:00 up to and including 2026-11-15 10:00 (14 × 24 h).
    insert into events (user_id, event, ts) values
      ('t1', '浏览页面', '2026-11-01 10:30:00+08'),
      ('t2', '浏览页面', '2026-11-15 10:00:00+08'),   -- exactly at the window's end: returned
      ('t3', '浏览页面', '2026-11-15 10:01:00+08'),   -- one minute late: not returned
      ('t4', '浏览页面', '2026-11-01 09:59:00+08'),   -- before the send: not returned
      ('t5', '浏览页面', '2026-11-03 12:00:00+08'), ('t5', '浏览商品', '2026-11-03 12:01:00+08'), -- twice, counted once
      ('t6', '浏览页面', '2026-11-05 12:00:00+08'),
      ('t7', '浏览页面', '2026-11-06 12:00:00+08'),
      ('h1', '浏览页面', '2026-11-02 12:00:00+08'),
      ('h2', '浏览页面', '2026-11-14 12:00:00+08'),
      ('h9', '浏览页面', '2026-10-30 12:00:00+08');   -- before the send: not returned
    insert into orders (order_id, user_id, ts, amount, status) values
      ('o1', 't8', '2026-11-07 08:00:00+08', 99, 'paid'),
      ('o2', 'h3', '2026-11-08 08:00:00+08', 59, 'cancelled');  -- placing an order is activity too
  `);
});
afterAll(() => w.close());

describe("recall results", () => {
  it("compares the target group's recall rate with the holdout's, with a 95% interval", async () => {
    const [r] = await computeRecallResults(w.connection, { windowDays: 14 });
    // target returned: t1 t2 t5 t6 t7 t8 = 6 of 10; holdout: h1 h2 h3 = 3 of 10
    expect(r.campaign_id).toBe("r1");
    expect(r.target).toEqual({ users: 10, returned: 6 });
    expect(r.holdout).toEqual({ users: 10, returned: 3 });
    expect(r.sent_at).toBe("2026-11-01T02:00:00.000Z");
    expect(r.complete).toBe(true); // t3's event at 11-15 10:01 shows data beyond the window
    expect(r.rateA).toBe(0.6);
    expect(r.rateB).toBe(0.3);
    // SE = √(0.6·0.4/10 + 0.3·0.7/10) = √0.045 = 0.2121320; margin = 1.9599640 × 0.2121320 = 0.4157711
    expect(r.difference).toBeCloseTo(0.3, 12);
    expect(r.low).toBeCloseTo(0.3 - 0.4157711, 6);
    expect(r.high).toBeCloseTo(0.3 + 0.4157711, 6);
    expect(r.significant).toBe(false);
  });

  it("a shorter window counts fewer returns and is immature when data ends first", async () => {
    const [r] = await computeRecallResults(w.connection, { windowDays: 3 });
    // until 11-04 10:00: t1, t5 of the targets; h1 of the holdout
    expect([r.target.returned, r.holdout.returned]).toEqual([2, 1]);
    const [late] = await computeRecallResults(w.connection, { windowDays: 30 });
    expect(late.complete).toBe(false); // data stops at 11-15, the window runs to 12-01
  });

  it("flags a difference whose interval excludes zero", () => {
    // 120/400 = 0.30 vs 60/400 = 0.15; SE = √(0.3·0.7/400 + 0.15·0.85/400) = √0.00084375 = 0.0290474
    // margin = 1.959964 × 0.0290474 = 0.0569318
    const d = proportionDifference({ successes: 120, n: 400 }, { successes: 60, n: 400 });
    expect(d.low).toBeCloseTo(0.15 - 0.0569318, 6);
    expect(d.high).toBeCloseTo(0.15 + 0.0569318, 6);
    expect(d.significant).toBe(true);
    expect(proportionDifference({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toMatchObject({ rateA: null, rateB: 0.5, difference: null, significant: null });
  });
});
