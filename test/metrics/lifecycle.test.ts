import { afterEach, beforeEach, expect, test } from "vitest";
import { parseLifecycleDefinition } from "../../src/metrics/definitions.ts";
import { computeLifecycle } from "../../src/metrics/lifecycle.ts";
import { computePaths } from "../../src/metrics/paths.ts";
import { insertEvents, type EventRow } from "../helpers/events.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
beforeEach(async () => (w = await memoryWarehouse()));
afterEach(() => w.close());

// Weeks W1 = Mon 11-02, W2 = 11-09, W3 = 11-16, W4 = 11-23 (2026).
const wednesday = { W1: "2026-11-04 12:00", W2: "2026-11-11 12:00", W3: "2026-11-18 12:00", W4: "2026-11-25 12:00" };
const active = (user: string, ...weeks: (keyof typeof wednesday)[]): EventRow[] => weeks.map((wk) => [user, "浏览页面", wednesday[wk]]);

test("lifecycle tells new, returning, resurrecting and dormant users apart", async () => {
  await insertEvents(w.connection, [...active("u1", "W1", "W2", "W4"), ...active("u2", "W2", "W3"), ...active("u3", "W1"), ...active("u4", "W1", "W3")]);
  const { periods } = await computeLifecycle(w.connection, parseLifecycleDefinition({ event: "浏览页面", period: "week" }));
  expect(periods).toEqual([
    // W1: u1, u3, u4 are new.
    { start: "2026-11-02", new: 3, returning: 0, resurrecting: 0, dormant: 0 },
    // W2: u2 new; u1 was active in W1 → returning; u3 and u4 were active in W1, not now → dormant −2.
    { start: "2026-11-09", new: 1, returning: 1, resurrecting: 0, dormant: -2 },
    // W3: u2 returning; u4 skipped W2 but was active in W1 → resurrecting; u1 gone → −1.
    { start: "2026-11-16", new: 0, returning: 1, resurrecting: 1, dormant: -1 },
    // W4: u1 back after skipping W3 → resurrecting; u2 and u4 gone → −2.
    { start: "2026-11-23", new: 0, returning: 0, resurrecting: 1, dormant: -2 }
  ]);
});

test("history before `from` still counts: an earlier user is never new in the range", async () => {
  await insertEvents(w.connection, [...active("u1", "W1", "W3"), ...active("u2", "W3")]);
  const { periods } = await computeLifecycle(w.connection, parseLifecycleDefinition({ event: "浏览页面", period: "week", from: "2026-11-16", to: "2026-11-23" }));
  // Only W3: u2 is new; u1 (first seen W1, idle W2) is resurrecting, not new.
  expect(periods).toEqual([{ start: "2026-11-16", new: 1, returning: 0, resurrecting: 1, dormant: 0 }]);
});

test("with only `from` or only `to` the other end is the activity's own first or last period", async () => {
  await insertEvents(w.connection, [...active("u1", "W1", "W2", "W4"), ...active("u2", "W2", "W3"), ...active("u3", "W1"), ...active("u4", "W1", "W3")]);
  const lifecycle = async (range: Record<string, string>) => (await computeLifecycle(w.connection, parseLifecycleDefinition({ event: "浏览页面", period: "week", ...range }))).periods.map((p) => p.start);
  // The same users as the first test: activity runs W1 … W4.
  expect(await lifecycle({ from: "2026-11-16" })).toEqual(["2026-11-16", "2026-11-23"]);
  expect(await lifecycle({ to: "2026-11-16" })).toEqual(["2026-11-02", "2026-11-09"]);
});

test("paths list the events users do right after (or before) an event", async () => {
  await insertEvents(w.connection, [
    ["u1", "浏览商品", "2026-11-02 10:00"], ["u1", "加入购物车", "2026-11-02 10:01"], ["u1", "提交订单", "2026-11-02 10:02"],
    ["u2", "加入购物车", "2026-11-02 10:00"], ["u2", "浏览商品", "2026-11-02 10:01"],
    ["u3", "加入购物车", "2026-11-02 10:00"], ["u3", "提交订单", "2026-11-02 10:05"],
    ["u4", "浏览商品", "2026-11-02 09:00"], ["u4", "加入购物车", "2026-11-02 10:00"] // last event: nothing after
  ]);
  const after = await computePaths(w.connection, { event: "加入购物车", direction: "after" });
  // 4 add-to-carts: 2 followed by 提交订单, 1 by 浏览商品, 1 by nothing.
  expect(after.paths).toEqual([
    { event: "提交订单", count: 2, users: 2, share: 0.5 },
    { event: "(none)", count: 1, users: 1, share: 0.25 },
    { event: "浏览商品", count: 1, users: 1, share: 0.25 }
  ]);
  const before = await computePaths(w.connection, { event: "加入购物车", direction: "before", top: 1 });
  // Before: 浏览商品 (u1, u4), nothing (u2, u3): tie broken by name; top 1.
  expect(before.paths).toEqual([{ event: "(none)", count: 2, users: 2, share: 0.5 }]);
});

test("lifecycle weeks turn at Monday 00:00 in the definition's time zone", async () => {
  // Sunday 23:59:59 and Monday 00:00 Shanghai: two weeks in Shanghai (new, then returning), one in UTC.
  await insertEvents(w.connection, [["u1", "浏览页面", "2026-11-15T23:59:59+08:00"], ["u1", "浏览页面", "2026-11-16T00:00:00+08:00"]]);
  const shanghai = await computeLifecycle(w.connection, parseLifecycleDefinition({ event: "浏览页面", period: "week" }));
  expect(shanghai.periods).toEqual([
    { start: "2026-11-09", new: 1, returning: 0, resurrecting: 0, dormant: 0 },
    { start: "2026-11-16", new: 0, returning: 1, resurrecting: 0, dormant: 0 }
  ]);
  const utc = await computeLifecycle(w.connection, parseLifecycleDefinition({ event: "浏览页面", period: "week", timezone: "UTC" }));
  expect(utc.periods).toEqual([{ start: "2026-11-09", new: 1, returning: 0, resurrecting: 0, dormant: 0 }]);
});
