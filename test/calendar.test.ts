import { describe, expect, it } from "vitest";
import { addDays, isoWeek, isoWeekStart, isoWeekday } from "../src/calendar.ts";

describe("ISO 8601 weeks", () => {
  // Checked against a printed calendar: 2026-01-01 is a Thursday, so it opens 2026-W01;
  // 2024-12-30 (Monday) already belongs to 2025-W01; 2027-01-01 (Friday) closes 2026-W53.
  it.each([
    ["2026-01-01", "2026-W01"],
    ["2025-12-29", "2026-W01"],
    ["2025-12-28", "2025-W52"],
    ["2024-12-30", "2025-W01"],
    ["2027-01-01", "2026-W53"],
    ["2026-11-23", "2026-W48"],
    ["2026-11-22", "2026-W47"]
  ])("%s is in %s", (date, week) => expect(isoWeek(date)).toBe(week));

  it("weeks start on Monday", () => {
    expect(isoWeekStart("2026-W47")).toBe("2026-11-16");
    expect(isoWeekday("2026-11-16")).toBe(1);
    expect(isoWeekStart("2026-W01")).toBe("2025-12-29");
    expect(isoWeekStart("2026-W53")).toBe("2026-12-28");
  });

  it("rejects a malformed week label", () => {
    expect(() => isoWeekStart("2026-47")).toThrow(/not an ISO week/);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
