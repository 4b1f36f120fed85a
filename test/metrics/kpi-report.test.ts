import { describe, expect, it } from "vitest";
import { parsePeriod, previousOf, yearAgoOf } from "../../src/metrics/grain.ts";
import { computeKpiReport, type KpiReport } from "../../src/metrics/kpi-report.ts";
import { kpiSeries } from "../../src/metrics/kpi-series.ts";
import { firstSeenSql } from "../../src/metrics/period-kpis.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/**
 * 2026-W47 is Mon 11-16 … Sun 11-22; data "as of" Wed 11-18, so the week is partial (3 days) and
 * is compared with Mon–Wed of W46 (11-09 … 11-11) and of 2025-W47 (2025-11-17 … 11-19).
 * Everything on or after Thu (u4's view, u6's Thursday visit and order in W46, o6) is outside
 * those windows, except where a look-back window (WAU, MAU) reaches it.
 */
async function fixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`
    insert into users (user_id, first_seen) values
      ('u1', '2025-11-17 09:00:00+08'), ('u2', '2026-11-16 09:00:00+08'), ('u5', '2026-11-10 09:00:00+08');
    insert into events (user_id, event, ts, session_id) values
      ('u1', '浏览页面', '2026-11-16 10:00:00+08', 's1'), ('u1', '浏览商品', '2026-11-16 10:05:00+08', 's1'),
      ('u1', '浏览页面', '2026-11-17 09:00:00+08', 's2'),
      ('u2', '浏览页面', '2026-11-16 12:00:00+08', null), ('u2', '$pageview', '2026-11-16 12:20:00+08', null),
      ('u2', '浏览页面', '2026-11-16 13:00:00+08', null),
      ('u3', '加入购物车', '2026-11-18 08:00:00+08', null),
      ('u7', '浏览页面', '2026-11-18 20:00:00+08', 's7'),
      ('u4', '浏览页面', '2026-11-19 10:00:00+08', 's4'),
      ('u1', '浏览页面', '2026-11-09 10:00:00+08', 's0'),
      ('u5', '浏览页面', '2026-11-10 10:00:00+08', 's5'), ('u5', '浏览页面', '2026-11-10 10:10:00+08', 's5'),
      ('u6', '浏览页面', '2026-11-12 10:00:00+08', 's6'),
      ('u1', '浏览页面', '2025-11-17 10:00:00+08', 'old');
    insert into orders (order_id, user_id, ts, amount, status) values
      ('o1', 'u1', '2026-11-16 10:30:00+08', 100, 'paid'), ('o2', 'u1', '2026-11-18 11:00:00+08', 50, 'paid'),
      ('o3', 'u2', '2026-11-17 12:00:00+08', 80, 'paid'), ('o4', 'u2', '2026-11-17 12:05:00+08', 999, 'refunded'),
      ('o5', 'u3', '2026-11-18 08:05:00+08', 30, 'cancelled'), ('o6', 'u2', '2026-11-20 10:00:00+08', 70, 'paid'),
      ('p1', 'u5', '2026-11-10 10:20:00+08', 200, 'paid'), ('p2', 'u6', '2026-11-12 10:05:00+08', 40, 'paid');
    insert into targets (metric, period, value) values ('gmv', '2026-W47', 460), ('bounce_rate', '2026-W47', 0.5), ('uv', '2026-W46', 999);`);
  return w;
}

const kpi = (report: KpiReport, key: string) => report.kpis.find((k) => k.key === key)!;

describe("computeKpiReport", () => {
  it("flags a partial week and compares it with the same weekdays of the week before and of last year", async () => {
    const w = await fixture();
    const report = await computeKpiReport(w.connection, { grain: "week", period: "2026-W47", asOf: "2026-11-18" });
    expect(report).toMatchObject({ start: "2026-11-16", end: "2026-11-23", partial: true, daysCovered: 3, totalDays: 7 });
    expect(report.compared).toEqual({
      current: { start: "2026-11-16", end: "2026-11-19" },
      previous: { start: "2026-11-09", end: "2026-11-12" },
      yearAgo: { start: "2025-11-17", end: "2025-11-20" }
    });
  });

  it("counts distinct users per period, sessions by id or 30 minutes idle, and paid orders only", async () => {
    const w = await fixture();
    const r = await computeKpiReport(w.connection, { grain: "week", period: "2026-W47", asOf: "2026-11-18" });
    // UV: u1, u2, u7 viewed pages (u3 only added to cart) → 3; PV: u1 2 + u2 3 + u7 1 = 6.
    expect(kpi(r, "uv")).toMatchObject({ value: 3, previous: 2, yearAgo: 1, change: 0.5, yoyChange: 2 });
    expect(kpi(r, "pv").value).toBe(6);
    // New: u2 (registered 11-16), u3 and u7 (first event, no user row) → 3; before: u5 → 1.
    expect(kpi(r, "new_users")).toMatchObject({ value: 3, previous: 1 });
    // DAU: 11-16 {u1,u2}, 11-17 {u1}, 11-18 {u3,u7} → (2+1+2)/3.
    expect(kpi(r, "dau").value).toBeCloseTo(5 / 3, 12);
    // WAU looks back 7 days from 11-19: u1,u2,u3,u7 and u6 (11-12) → 5; MAU adds u5 → 6.
    expect(kpi(r, "wau").value).toBe(5);
    expect(kpi(r, "mau").value).toBe(6);
    expect(kpi(r, "stickiness").value).toBeCloseTo(5 / 3 / 6, 12);
    // Visits: s1 (2 events, 300 s), s2 (1), u2 12:00+12:20 (1200 s), u2 13:00 (1), u3 (1), s7 (1) → 6, 4 bounces.
    expect(kpi(r, "sessions").value).toBe(6);
    expect(kpi(r, "bounce_rate").value).toBeCloseTo(4 / 6, 12);
    expect(kpi(r, "avg_session_seconds").value).toBeCloseTo(1500 / 6, 9);
    // Paid: o1 100 + o2 50 (u1), o3 80 (u2); refunded o4, cancelled o5 and o6 after as-of are out.
    expect(kpi(r, "orders")).toMatchObject({ value: 3, previous: 1 });
    expect(kpi(r, "payers").value).toBe(2);
    expect(kpi(r, "gmv")).toMatchObject({ value: 230, previous: 200, yearAgo: 0, yoyChange: null });
    expect(kpi(r, "gmv").change).toBeCloseTo(0.15, 12);
    expect(kpi(r, "aov").value).toBe(115);
    expect(kpi(r, "arppu").value).toBe(115);
    // ARPU over active users u1, u2, u3, u7.
    expect(kpi(r, "arpu").value).toBe(57.5);
    expect(kpi(r, "repurchase_rate").value).toBe(0.5);
  });

  it("compares rates in percentage points and lower-is-better targets inversely", async () => {
    const w = await fixture();
    const r = await computeKpiReport(w.connection, { grain: "week", period: "2026-W47", asOf: "2026-11-18" });
    // Conversion 2/3 now vs 1/2 (u5 paid of u1, u5): +16.67 百分点, not +33 %; a year ago 0/1.
    expect(kpi(r, "conversion_rate").change).toBeCloseTo(2 / 3 - 1 / 2, 12);
    expect(kpi(r, "conversion_rate").yoyChange).toBeCloseTo(2 / 3, 12);
    // Bounce 4/6 vs 1/2 (s0 bounced, s5 did not); target 0.5 → achievement 0.5 ÷ (4/6) = 0.75.
    expect(kpi(r, "bounce_rate")).toMatchObject({ downIsGood: true, target: 0.5 });
    expect(kpi(r, "bounce_rate").change).toBeCloseTo(4 / 6 - 0.5, 12);
    expect(kpi(r, "bounce_rate").achievement).toBeCloseTo(0.75, 12);
    expect(kpi(r, "gmv")).toMatchObject({ target: 460, achievement: 0.5 });
    // W46's UV target belongs to another week.
    expect(kpi(r, "uv").target).toBeNull();
  });

  it("has no comparison, not zero, for a base period before the data starts", async () => {
    const w = await fixture();
    const r = await computeKpiReport(w.connection, { grain: "month", period: "2025-11", asOf: "2025-11-30" });
    expect(r.partial).toBe(false);
    expect(r.compared.previous).toBeNull();
    expect(kpi(r, "uv")).toMatchObject({ value: 1, previous: null, yearAgo: null, change: null, yoyChange: null });
    expect(kpi(r, "aov").value).toBeNull();
    for (const k of r.kpis) for (const v of [k.value, k.change, k.achievement]) expect(v === null || Number.isFinite(v)).toBe(true);
  });

  it("rejects a period after the data", async () => {
    const w = await fixture();
    await expect(computeKpiReport(w.connection, { grain: "week", period: "2026-W50" })).rejects.toThrow(/starts after the last day of data \(2026-11-20\)/);
  });
});

describe("kpiSeries", () => {
  it("recomputes distinct users per day instead of splitting the week", async () => {
    const w = await fixture();
    const rows = await w.rows(kpiSeries({ grain: "day", start: "2026-11-16", end: "2026-11-19", keys: ["uv", "gmv"] }));
    const pick = (key: string) => rows.filter((r) => r.key === key).map((r) => [r.period, r.value]);
    // Daily UV 2 + 1 + 1 = 4, while the three days together had 3 visitors.
    expect(pick("uv")).toEqual([["2026-11-16", 2], ["2026-11-17", 1], ["2026-11-18", 1]]);
    expect(pick("gmv")).toEqual([["2026-11-16", 100], ["2026-11-17", 80], ["2026-11-18", 50]]);
  });

  it("counts new users from a table of first-seen times as from its own subquery", async () => {
    const w = await fixture();
    await w.connection.run(`create temp table first_seen as ${firstSeenSql}`);
    const query = (firsts?: string) => kpiSeries({ grain: "day", start: "2026-11-09", end: "2026-11-19", keys: ["new_users", "uv"], firsts });
    const own = await w.rows(query());
    // u5 registered 11-10; u6 first seen 11-12; u1 (2025), u2 (registered 11-16), u3 and u7 (first events) as in the report above.
    expect(own.filter((r) => r.key === "new_users" && r.value).map((r) => [r.period, r.value])).toEqual([["2026-11-10", 1], ["2026-11-12", 1], ["2026-11-16", 1], ["2026-11-18", 2]]);
    expect(await w.rows(query("first_seen"))).toEqual(own);
  });

  it("labels ISO weeks and cuts the last one at the end date", async () => {
    const w = await fixture();
    const rows = await w.rows(kpiSeries({ grain: "week", start: "2026-11-11", end: "2026-11-19", keys: ["orders", "mau"] }));
    // MAU looks back 30 days from each (cut) end: W46 → u1, u5, u6; W47 → those and u2, u3, u7 (u4 is on 11-19).
    expect(rows).toEqual([
      { period: "2026-W46", start: "2026-11-09", end: "2026-11-16", days: 7, key: "mau", value: 3 },
      { period: "2026-W46", start: "2026-11-09", end: "2026-11-16", days: 7, key: "orders", value: 2 },
      { period: "2026-W47", start: "2026-11-16", end: "2026-11-19", days: 3, key: "mau", value: 6 },
      { period: "2026-W47", start: "2026-11-16", end: "2026-11-19", days: 3, key: "orders", value: 3 }
    ]);
  });

  it("counts WAU and MAU per day as distinct users active in the 7 and 30 days up to that day", async () => {
    const w = await memoryWarehouse();
    // Active local days: a on 03-01, 03-08 (7 days apart: one unbroken WAU run), 03-20; b on 03-01 and
    // 03-09 00:30 Shanghai (still 03-08 in UTC: a UTC day would keep b in 03-15's week); c on 03-05 twice.
    await w.connection.run(`insert into events (user_id, event, ts) values
      ('a', '浏览页面', '2026-03-01 10:00:00+08'), ('a', '浏览页面', '2026-03-08 10:00:00+08'), ('a', '下单', '2026-03-20 10:00:00+08'),
      ('b', '浏览页面', '2026-03-01 23:00:00+08'), ('b', '浏览页面', '2026-03-09 00:30:00+08'),
      ('c', '浏览页面', '2026-03-05 09:00:00+08'), ('c', '浏览页面', '2026-03-05 21:00:00+08')`);
    const rows = await w.rows(kpiSeries({ grain: "day", start: "2026-03-01", end: "2026-04-21", keys: ["wau", "mau"] }));
    const on = (key: string, day: string) => rows.find((r) => r.key === key && r.period === day)?.value;
    // Counted by hand: WAU of day D = users active in D − 6 … D; MAU in D − 29 … D.
    const wau = { "2026-03-01": 2, "2026-03-05": 3, "2026-03-07": 3, "2026-03-08": 2, "2026-03-09": 3, "2026-03-11": 3, "2026-03-12": 2,
      "2026-03-14": 2, "2026-03-15": 1, "2026-03-16": 0, "2026-03-19": 0, "2026-03-20": 1, "2026-03-26": 1, "2026-03-27": 0 };
    const mau = { "2026-03-01": 2, "2026-03-05": 3, "2026-04-03": 3, "2026-04-04": 2, "2026-04-07": 2, "2026-04-08": 1, "2026-04-18": 1, "2026-04-19": 0, "2026-04-20": 0 };
    for (const [day, n] of Object.entries(wau)) expect([day, on("wau", day)]).toEqual([day, n]);
    for (const [day, n] of Object.entries(mau)) expect([day, on("mau", day)]).toEqual([day, n]);
    // Every day against a brute-force count over the same active days.
    const active: Record<string, string[]> = { a: ["2026-03-01", "2026-03-08", "2026-03-20"], b: ["2026-03-01", "2026-03-09"], c: ["2026-03-05"] };
    const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const count = (day: string, days: number) => Object.values(active).filter((ds) => ds.some((d) => dayMs(day) - dayMs(d) >= 0 && dayMs(day) - dayMs(d) < days)).length;
    const days = [...new Set(rows.map((r) => r.period as string))];
    expect(days).toHaveLength(51);
    for (const day of days) expect([day, on("wau", day), on("mau", day)]).toEqual([day, count(day, 7), count(day, 30)]);
  });

  it("refuses unknown KPIs by name", () => {
    expect(() => kpiSeries({ grain: "day", start: "2026-11-01", end: "2026-11-02", keys: ["gmv", "profit"] })).toThrow(/unknown KPI "profit"/);
  });
});

describe("periods", () => {
  it("parses each grain and finds the 环比 and 同比 bases", () => {
    expect(parsePeriod("quarter", "2026-Q4")).toMatchObject({ start: "2026-10-01", end: "2027-01-01" });
    expect(previousOf(parsePeriod("month", "2026-01")).label).toBe("2025-12");
    expect(previousOf(parsePeriod("week", "2026-W01")).label).toBe("2025-W52");
    expect(yearAgoOf(parsePeriod("week", "2026-W47"))).toMatchObject({ label: "2025-W47", start: "2025-11-17" });
    // 2026 has 53 ISO weeks (it starts on a Thursday); 2025 has 52.
    expect(yearAgoOf(parsePeriod("week", "2026-W53"))).toBeNull();
    expect(yearAgoOf(parsePeriod("day", "2028-02-29"))).toBeNull();
    expect(() => parsePeriod("week", "2025-W53")).toThrow(/not a week/);
    expect(() => parsePeriod("month", "2026-13")).toThrow(/expected e.g. 2026-11/);
  });
});
