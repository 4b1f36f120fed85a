import { describe, expect, it } from "vitest";
import { formatChange, formatMoney, formatNumber, formatPercent, formatPoints, relativeChange } from "../../src/components/format.ts";

describe("Chinese number formatting", () => {
  it("uses 万 and 亿 for large numbers", () => {
    expect(formatNumber(12000)).toBe("1.2万");
    expect(formatNumber(123456)).toBe("12.35万");
    expect(formatNumber(340000000)).toBe("3.4亿");
    expect(formatNumber(9999)).toBe("9,999");
  });
  it("formats money with ¥ and two decimals below 1万", () => {
    expect(formatMoney(1234.5)).toBe("¥1,234.50");
    expect(formatMoney(70500)).toBe("¥7.05万");
  });
  it("shows a dash, never NaN or Infinity", () => {
    expect(formatNumber(NaN)).toBe("—");
    expect(formatMoney(Infinity)).toBe("—");
    expect(formatPercent(null)).toBe("—");
    expect(relativeChange(5, 0)).toBeNull();
    expect(formatChange(relativeChange(5, 0))).toBe("—");
  });
  it("writes changes with a sign, rates in percentage points", () => {
    expect(formatChange(relativeChange(110, 100))).toBe("+10.0%");
    expect(formatChange(relativeChange(90, 100))).toBe("−10.0%");
    expect(formatPoints(0.041 - 0.049)).toBe("−0.8pp");
    expect(formatPercent(0.041)).toBe("4.1%");
  });
  it("switches units for en-US", () => {
    expect(formatNumber(12000, { locale: "en-US" })).toBe("12K");
    expect(formatNumber(3400000, { locale: "en-US" })).toBe("3.4M");
  });
});
