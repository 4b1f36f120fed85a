import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userProfile } from "../../src/metrics/user-profile.ts";
import { defaultStages } from "../../src/operations/operations-config.ts";
import { compareProfiles } from "../../src/operations/profile-compare.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;

beforeAll(async () => {
  w = await memoryWarehouse();
  await w.connection.run(`
    insert into channels values ('抖音', '公域'), ('企业微信', '私域');
    insert into users (user_id, first_seen, channel, platform, region, attributes) values
      ('p1', '2026-01-01 09:00:00+08', '抖音', 'ios', '上海', '{"gender": "女", "level": "V2"}'),
      ('p2', '2026-01-01 09:00:00+08', '企业微信', 'android', '北京', '{"gender": "男"}'),
      ('p3', '2026-01-01 09:00:00+08', '抖音', 'ios', '上海', null);
    insert into events (user_id, event, ts) values
      ('p1', '浏览页面', '2026-11-16 10:00:00+08'), ('p2', '浏览页面', '2026-11-17 10:00:00+08'),
      ('p3', '浏览页面', '2026-11-22 23:59:00+08'), ('p4', '浏览页面', '2026-11-18 10:00:00+08'),
      -- previous week: only p1 and p3
      ('p1', '浏览页面', '2026-11-10 10:00:00+08'), ('p3', '浏览页面', '2026-11-11 10:00:00+08'),
      -- 00:00 on the 23rd in Shanghai belongs to the next week
      ('p2', '浏览页面', '2026-11-22 16:00:00+00');
    insert into orders (order_id, user_id, ts, amount, status) values
      ('o1', 'p1', '2026-11-16 11:00:00+08', 100, 'paid'), ('o2', 'p2', '2026-11-17 11:00:00+08', 50, 'paid'),
      ('o3', 'p3', '2026-11-18 11:00:00+08', 70, 'refunded');
  `);
});
afterAll(() => w.close());

const pick = (rows: Record<string, unknown>[], dimension: string) =>
  Object.fromEntries(rows.filter((r) => r.dimension === dimension).map((r) => [r.value, [r.active_users, r.paying_users]]));

describe("user profile", () => {
  it("counts active and paying users per dimension value, unknowns included", async () => {
    const rows = await w.rows(userProfile({ start: "2026-11-16", end: "2026-11-23" }, defaultStages));
    // active p1 p2 p3 p4 (p4 has no CRM row); paying p1 p2 (p3's order was refunded)
    expect(pick(rows, "region")).toEqual({ 上海: [2, 1], 北京: [1, 1], "（未知）": [1, 0] });
    expect(pick(rows, "channel_group")).toEqual({ 公域: [2, 1], 私域: [1, 1], "（未知）": [1, 0] });
    expect(pick(rows, "attr:gender")).toEqual({ 女: [1, 1], 男: [1, 1], "（未知）": [2, 0] });
    expect(pick(rows, "attr:level")).toEqual({ V2: [1, 1], "（未知）": [3, 1] }); // p2 pays but has no level
    // stages on 11-22: p4 first seen 11-18 → new; the rest active
    expect(pick(rows, "stage")).toEqual({ active: [3, 2], new: [1, 0] });
    const shanghai = rows.find((r) => r.dimension === "region" && r.value === "上海")!;
    expect([shanghai.active_share, shanghai.paying_share]).toEqual([0.5, 0.5]);
  });

  it("compares shares between two periods in percentage points", async () => {
    const current = await w.rows(userProfile({ start: "2026-11-16", end: "2026-11-23" }, defaultStages));
    const previous = await w.rows(userProfile({ start: "2026-11-09", end: "2026-11-16" }, defaultStages));
    const region = compareProfiles(current, previous).filter((r) => r.dimension === "region");
    // previous week: p1, p3 both 上海 → share 1.0; now 2 of 4 = 0.5 → −50pp; 北京 0 → 0.25 = +25pp
    expect(Object.fromEntries(region.map((r) => [r.value, r.active_share_change]))).toEqual({ 上海: -0.5, 北京: 0.25, "（未知）": 0.25 });
  });
});
