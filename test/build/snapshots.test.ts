import { describe, expect, it } from "vitest";
import { parseNow } from "../../src/build/parse-now.ts";
import { figureChanges, isClosed, localDate, weekBasis } from "../../src/snapshots/weekly-snapshot.ts";

describe("closed weeks and restatements", () => {
  it("closes a week once its Sunday is over in Shanghai, and only if the data reaches that Sunday", () => {
    const w47 = { end: "2026-11-22", partial: false };
    // 2026-11-22T16:30Z is Monday 00:30 in Shanghai (UTC+8), still Sunday in UTC.
    expect(localDate(new Date("2026-11-22T16:30:00Z"), "Asia/Shanghai")).toBe("2026-11-23");
    expect(isClosed(w47, localDate(new Date("2026-11-22T16:30:00Z"), "Asia/Shanghai"))).toBe(true);
    expect(isClosed(w47, localDate(new Date("2026-11-22T15:30:00Z"), "Asia/Shanghai"))).toBe(false);
    expect(isClosed({ ...w47, partial: true }, "2026-12-01")).toBe(false);
  });

  it("ties a week's basis to its own rows and the previous week's (for 环比), nothing else", () => {
    const fps = { "2026-W45": { orders: "a" }, "2026-W46": { orders: "b" }, "2026-W47": { orders: "c" } };
    const base = weekBasis(fps, "2026-W46");
    expect(weekBasis({ ...fps, "2026-W47": { orders: "new" } }, "2026-W46")).toBe(base);
    expect(weekBasis({ ...fps, "2026-W45": { orders: "late" } }, "2026-W46")).not.toBe(base);
    expect(weekBasis({ ...fps, "2026-W46": { orders: "b", events: "x" } }, "2026-W46")).not.toBe(base);
  });

  it("lists the current week's changed figures, not the previous week's", () => {
    const out = (gmv: number, prevGmv: number) => ({ kpis: [{ period: "current", gmv, uv: 30 }, { period: "previous", gmv: prevGmv, uv: 30 }], lastDay: "2026-11-22" });
    expect(figureChanges(out(700, 700), out(750, 700))).toEqual([{ metric: "gmv", old: 700, new: 750 }]);
    expect(figureChanges(out(700, 700), out(700, 750))).toEqual([]);
  });

  it("reads --now with a zone, or naive in the report's time zone", () => {
    expect(parseNow("2026-11-23T08:00+08:00", "Asia/Shanghai").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(parseNow("2026-11-23 08:00", "Asia/Shanghai").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(parseNow("2026-11-23", "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(() => parseNow("Monday", "Asia/Shanghai")).toThrow(/expected a date or time/);
  });
});
