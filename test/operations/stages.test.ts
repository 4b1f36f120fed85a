import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atRiskUsers } from "../../src/metrics/at-risk-users.ts";
import { stageCounts } from "../../src/metrics/stage-counts.ts";
import { stageFlows } from "../../src/metrics/stage-flows.ts";
import { userProfile } from "../../src/metrics/user-profile.ts";
import { defaultStages, parseStages } from "../../src/operations/operations-config.ts";
import { sharedActivityRuns } from "../../src/operations/shared-activity-runs.ts";
import { sharedSource } from "../../src/site/report-source.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";
import { stageFixtureSql } from "./stage-fixture.ts";

type W = Awaited<ReturnType<typeof memoryWarehouse>>;
let w: W;

// As of Friday 2026-11-20 (Asia/Shanghai). Idle days = 2026-11-20 − last active local day.
const asOf = "2026-11-20";

beforeAll(async () => {
  w = await memoryWarehouse();
  await w.connection.run(stageFixtureSql);
});
afterAll(() => w.close());

const byUser = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.user_id, r]));

describe("lifecycle stages", () => {
  it("puts users exactly at 7/8/30/31 idle days on the right side of each threshold", async () => {
    const rows = await w.rows(atRiskUsers({ asOf, stages: ["new", "active", "silent", "churned"] }, defaultStages));
    const u = byUser(rows);
    expect(Object.keys(u).sort()).toEqual(["n6", "n7", "u30", "u31", "u7", "u8"]); // "future" is not yet seen
    expect([u.u7.idle_days, u.u7.stage]).toEqual([7, "active"]);
    expect([u.u8.idle_days, u.u8.stage]).toEqual([8, "silent"]);
    expect([u.u30.idle_days, u.u30.stage]).toEqual([30, "silent"]);
    expect([u.u31.idle_days, u.u31.stage]).toEqual([31, "churned"]);
    // first seen 6 days ago is new; 7 days ago is not (newDays 7 = the as-of day and the 6 before)
    expect(u.n6.stage).toBe("new");
    expect([u.n7.idle_days, u.n7.stage]).toEqual([7, "active"]);
  });

  it("gives the same stages when the zone is named and its days are cut by arithmetic instead of ICU", async () => {
    // The fixture's u7 (00:30 Shanghai = 16:30 UTC the day before) and u8 (23:59 Shanghai) sit on
    // the local-midnight edges, where a UTC day or an off-by-one offset would move them.
    const named = byUser(await w.rows(atRiskUsers({ asOf, stages: ["new", "active", "silent", "churned"], timezone: "Asia/Shanghai" }, defaultStages)));
    expect([named.u7.idle_days, named.u7.stage, named.u8.idle_days, named.u8.stage]).toEqual([7, "active", 8, "silent"]);
    for (const [withZone, without] of [
      [atRiskUsers({ asOf, stages: ["new", "active", "silent", "churned"], timezone: "Asia/Shanghai" }, defaultStages), atRiskUsers({ asOf, stages: ["new", "active", "silent", "churned"] }, defaultStages)],
      [stageCounts({ asOf, timezone: "Asia/Shanghai" }, defaultStages), stageCounts({ asOf }, defaultStages)],
      [stageFlows({ start: "2026-11-01", end: "2026-11-22", timezone: "Asia/Shanghai" }, defaultStages), stageFlows({ start: "2026-11-01", end: "2026-11-22" }, defaultStages)]
    ]) {
      const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sorted(await w.rows(withZone))).toEqual(sorted(await w.rows(without)));
    }
  });

  it("gives the same rows from a build's shared activity runs as from each query's own", async () => {
    const lifecycle = parseStages({ naming: "lifecycle", matureOrders: 2 });
    expect(await sharedActivityRuns(w.connection, undefined, "Asia/Shanghai")).toBeUndefined();
    const source = sharedSource(w.connection, { firstDay: "2026-10-01", lastDay: asOf });
    const runs = await sharedActivityRuns(w.connection, source, "Asia/Shanghai");
    expect(runs).toBeDefined();
    // Its rows are the users' active days, so an empty table would fail the comparisons below.
    expect((await w.rows({ sql: `select count(distinct user_id) as users from ${runs}` }))[0].users).toBe(7);
    for (const [stages, timezone] of [[defaultStages, "Asia/Shanghai"], [lifecycle, "Asia/Shanghai"]] as const) {
      for (const [shared, own] of [
        [atRiskUsers({ asOf, stages: ["new", "active", "growth", "mature", "silent", "churned"], timezone, runs }, stages), atRiskUsers({ asOf, stages: ["new", "active", "growth", "mature", "silent", "churned"], timezone }, stages)],
        [stageCounts({ asOf, timezone, runs }, stages), stageCounts({ asOf, timezone }, stages)],
        [stageFlows({ start: "2026-11-01", end: "2026-11-22", timezone, runs }, stages), stageFlows({ start: "2026-11-01", end: "2026-11-22", timezone }, stages)],
        [userProfile({ start: "2026-11-01", end: "2026-11-21", timezone, runs }, stages), userProfile({ start: "2026-11-01", end: "2026-11-21", timezone }, stages)]
      ]) {
        const rows = await w.rows(own);
        expect(rows.length).toBeGreaterThan(0);
        expect(await w.rows(shared)).toEqual(rows);
      }
    }
  });

  it("counts users per stage with shares", async () => {
    const rows = await w.rows(stageCounts({ asOf }, defaultStages));
    const counts = Object.fromEntries(rows.map((r) => [r.stage, r.users]));
    // new: n6; active: u7, n7; silent: u8, u30; churned: u31 — 6 users
    expect(counts).toEqual({ new: 1, active: 2, silent: 2, churned: 1 });
    expect(rows.map((r) => r.stage)).toEqual(["new", "active", "silent", "churned"]);
    expect(rows.find((r) => r.stage === "silent")?.share).toBeCloseTo(2 / 6, 10);
  });

  it("splits active users into growth and maturity by paid orders with the lifecycle naming", async () => {
    const lifecycle = parseStages({ naming: "lifecycle", matureOrders: 2 });
    const u = byUser(await w.rows(atRiskUsers({ asOf, stages: ["new", "growth", "mature", "silent", "churned"] }, lifecycle)));
    expect(u.u7.stage).toBe("mature"); // two paid orders
    expect(u.n7.stage).toBe("growth"); // none
    expect(u.u8.stage).toBe("silent");
  });

  it("honours configured thresholds", async () => {
    const strict = parseStages({ silentAfter: 7, churnAfter: 30, newDays: 1 });
    const u = byUser(await w.rows(atRiskUsers({ asOf, stages: ["new", "active", "silent", "churned"] }, strict)));
    expect([u.u7.stage, u.u30.stage, u.n6.stage]).toEqual(["silent", "churned", "active"]);
  });

  it("rejects thresholds that contradict each other, naming the field", () => {
    expect(() => parseStages({ silentAfter: 30, churnAfter: 30 })).toThrow(/stages\.churnAfter \(30\) must be greater than stages\.silentAfter/);
    expect(() => parseStages({ naming: "seasons" })).toThrow(/stages\.naming/);
    expect(() => parseStages({ newDays: 0 })).toThrow(/stages\.newDays: expected a positive whole number/);
  });
});

describe("at-risk list", () => {
  it("lists silent users, most valuable first, counting paid orders only", async () => {
    const rows = await w.rows(atRiskUsers({ asOf }, defaultStages));
    // u8 paid ¥300; u30's only order was refunded, so ¥0
    expect(rows.map((r) => [r.user_id, r.value, r.channel])).toEqual([["u8", 300, "企业微信"], ["u30", 0, "公众号"]]);
    expect(rows[1].rfm_tier).toBe("未购买");
  });

  it("filters by RFM tier, tiering users as the RFM metric does", async () => {
    // Paid buyers up to 11-20: u7 (last 11-13 → 7 days, 2 orders, ¥150), u8 (10-06 → 45 days, 1, ¥300).
    // Break points (quantile_cont at 20/40/60/80 %) + 1: recency 15.6 23.2 30.8 38.4 → u7 scores 1,
    // u8 5, reversed: R = 5 and 1. Frequency 2.2 … 2.8: both F = 1. Monetary 181 … 271: u7 M 1, u8 M 5.
    // Default rules: u8 has R 1 → 流失; u7 is not 高价值 (F 1) nor 潜力 (M 1) → 低活跃.
    const rows = await w.rows(atRiskUsers({ asOf, tiers: ["流失"] }, defaultStages));
    expect(rows.map((r) => [r.user_id, r.r_score, r.f_score, r.m_score, r.rfm_tier])).toEqual([["u8", 1, 1, 5, "流失"]]);
    const all = await w.rows(atRiskUsers({ asOf, stages: ["active"] }, defaultStages));
    expect(all.find((r) => r.user_id === "u7")?.rfm_tier).toBe("低活跃");
    expect(await w.rows(atRiskUsers({ asOf, tiers: ["高价值"] }, defaultStages))).toEqual([]);
  });
});

describe("weekly stage flows", () => {
  it("counts moves between the previous Sunday and this one", async () => {
    // Sunday 2026-11-15 vs Sunday 2026-11-08:
    //  u7 last active 11-13: 11-08 idle 34 (last 10-05 order) → churned; 11-15 idle 2 → active
    //  u8 last active 11-12: 11-08 idle 33 (last 10-06) → churned; 11-15 idle 3 → active
    //  u30 last 10-21: idle 18 → silent; idle 25 → silent
    //  u31 last 10-20: idle 19 → silent; idle 26 → silent
    //  n6 first seen 11-14: absent on 11-08 → new
    //  n7 first seen 11-13: absent → new (2 days)
    const rows = await w.rows(stageFlows({ start: "2026-11-15", end: "2026-11-15" }, defaultStages));
    const flows = rows.map((r) => `${r.week} ${r.from_stage}→${r.to_stage} ${r.users}`);
    expect(flows).toEqual(["2026-W46 churned→active 2", "2026-W46 none→new 2", "2026-W46 silent→silent 2"]);
  });
});
