import { afterEach, describe, expect, it } from "vitest";
import { formatDate, formatDuration, formatMoney, formatNumber, formatPoints, formatValue } from "../../src/components/format.ts";
import { localized, pageLocale } from "../../src/components/locale.ts";
import { monthLabel, weekLabel } from "../../src/components/period-label.ts";

/** What a built page looks like to a component: only <html lang>, as the build writes it. */
function onPage(lang: string) {
  (globalThis as { document?: unknown }).document = { documentElement: { lang } };
}

describe("en-US formatting", () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it("writes large numbers with K, M and B", () => {
    expect(formatNumber(12345, { locale: "en-US" })).toBe("12.3K"); // 12.345 thousand, one decimal
    expect(formatNumber(3_400_000, { locale: "en-US" })).toBe("3.4M");
    expect(formatNumber(1_234_567, { locale: "en-US" })).toBe("1.23M");
    expect(formatNumber(1_200_000_000, { locale: "en-US" })).toBe("1.2B");
    expect(formatNumber(9999, { locale: "en-US" })).toBe("9,999"); // below 10,000 written out
    expect(formatNumber(-25_000, { locale: "en-US" })).toBe("-25K");
  });

  it("writes money in yuan with K/M and two decimals below ten thousand", () => {
    expect(formatMoney(1234.5, { locale: "en-US" })).toBe("¥1,234.50");
    expect(formatMoney(70_500, { locale: "en-US" })).toBe("¥70.5K");
    expect(formatMoney(-462.3, { locale: "en-US" })).toBe("−¥462.30");
  });

  it("writes dates as Nov 23, 2026, with or without the weekday", () => {
    // 2026-11-23 is a Monday; 2026-09-01 a Tuesday (Nov 23 minus 83 days = 11 weeks + 6 days).
    expect(formatDate("2026-11-23", { locale: "en-US", weekday: false })).toBe("Nov 23, 2026");
    expect(formatDate("2026-09-01", { locale: "en-US" })).toBe("Tue, Sep 1, 2026");
  });

  it("writes durations as 3m 12s and rate changes in pp", () => {
    expect(formatDuration(192, { locale: "en-US" })).toBe("3m 12s");
    expect(formatDuration(7500, { locale: "en-US" })).toBe("2h 5m");
    expect(formatPoints(0.041 - 0.049)).toBe("−0.8pp");
  });

  it("follows the page's language when no locale is given", () => {
    expect(pageLocale()).toBe("zh-CN"); // no page: the default
    expect(formatValue(123456, "money")).toBe("¥12.35万");
    onPage("en-US");
    expect(pageLocale()).toBe("en-US");
    expect(formatValue(123456, "money")).toBe("¥123.5K");
    expect(formatValue(129600, "seconds")).toBe("1.5d");
    expect(formatDate("2026-11-23")).toBe("Mon, Nov 23, 2026");
    expect(localized({ "zh-CN": "周报", "en-US": "Weekly" })).toBe("Weekly");
    expect([weekLabel(2), monthLabel(3)]).toEqual(["Wk 2", "Mo 3"]);
    onPage("zh-CN");
    expect([weekLabel(2), monthLabel(3)]).toEqual(["第2周", "第3月"]);
  });
});
