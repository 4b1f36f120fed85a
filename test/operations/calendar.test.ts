import { describe, expect, it } from "vitest";
import { calendarStatus, campaignCalendar, localToday } from "../../src/operations/campaign-calendar.ts";
import { festivalsBetween } from "../../src/operations/festivals.ts";
import { parseOperationsConfig } from "../../src/operations/operations-config.ts";

describe("campaign calendar", () => {
  it("gives statuses around today: a campaign runs on its first and last day", () => {
    // campaign 11-10 … 11-12
    expect(calendarStatus("2026-11-10", "2026-11-12", "2026-11-09")).toEqual({ status: "upcoming", days: 1 });
    expect(calendarStatus("2026-11-10", "2026-11-12", "2026-11-10")).toEqual({ status: "running", days: 3 });
    expect(calendarStatus("2026-11-10", "2026-11-12", "2026-11-12")).toEqual({ status: "running", days: 1 });
    expect(calendarStatus("2026-11-10", "2026-11-12", "2026-11-13")).toEqual({ status: "ended", days: 1 });
  });

  it("merges campaigns and festivals in date order, with target achievement and retro links", () => {
    const campaigns = [
      { campaign_id: "double11-2026", name: "2026 双11", type: "大促", start_date: "2026-10-20", end_date: "2026-11-11", budget: 500000, targets: '{"gmv": 400000, "orders": 10}', gmv: 300000, orders: 5 },
      { campaign_id: "d12", name: "双12 预热", type: "大促", start_date: "2026-12-01", end_date: "2026-12-12", budget: null, targets: '{"gmv": 1000}', gmv: 0, orders: 0 }
    ];
    const items = campaignCalendar(campaigns, festivalsBetween("2026-11-01", "2026-12-31"), "2026-11-23");
    expect(items.map((i) => `${i.start} ${i.name} ${i.status_label}`)).toEqual([
      "2026-10-20 2026 双11 已结束",
      "2026-10-20 双11 已结束",
      "2026-12-01 双12 预热 未开始",
      "2026-12-12 双12 未开始",
      "2026-12-25 圣诞节 未开始"
    ]);
    expect(items[0]).toMatchObject({ gmv_achievement: 0.75, retro: "/retros/double11-2026", days: 12 }); // 300000 ÷ 400000; 11-11 → 11-23
    expect(items[2]).toMatchObject({ gmv: null, gmv_achievement: null, days: 8 });
  });

  it("ships lunar festivals per year and lets the config replace or add dates", () => {
    const spring = (y: string) => festivalsBetween(`${y}-01-01`, `${y}-12-31`).find((f) => f.name === "春节")!.start;
    expect([spring("2025"), spring("2026"), spring("2027")]).toEqual(["2025-01-29", "2026-02-17", "2027-02-06"]);
    const { festivals } = parseOperationsConfig({ festivals: [{ name: "双11", start: "2026-10-24", end: "2026-11-11" }, { name: "品牌日", start: "2026-08-16" }] });
    const list = festivalsBetween("2026-08-01", "2026-11-30", festivals);
    expect(list.filter((f) => f.name === "双11").map((f) => f.start)).toEqual(["2026-10-24"]);
    expect(list.find((f) => f.name === "品牌日")).toMatchObject({ start: "2026-08-16", end: "2026-08-16", type: "自定义" });
    expect(() => parseOperationsConfig({ festivals: [{ name: "x", start: "2026-13-01" }] })).toThrow(/festivals\[0\]\.start: expected a date/);
  });

  it("takes today in the reporting time zone", () => {
    // 2026-11-22 17:30 UTC is already the 23rd in Shanghai
    expect(localToday("Asia/Shanghai", new Date("2026-11-22T17:30:00Z"))).toBe("2026-11-23");
    expect(localToday("UTC", new Date("2026-11-22T17:30:00Z"))).toBe("2026-11-22");
  });
});
