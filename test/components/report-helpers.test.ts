import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/components/csv-download.ts";
import { largestDropOff } from "../../src/components/funnel-block.ts";
import { formatDate, formatDuration, formatValue } from "../../src/components/format.ts";
import { cjkTerms } from "../../src/site/cjk-terms.ts";
import { campaignSlug, monthPages, weekPages } from "../../src/site/site-index.ts";

const step = (name: string, count: number, conversion_from_previous: number | null) => ({ name, count, conversion_from_first: null, conversion_from_previous, median_seconds_from_previous: null, avg_seconds_from_previous: null });

describe("report helpers", () => {
  it("writes dates as Chinese reports do, with the weekday", () => {
    // 2026-11-23 is a Monday (2026-01-01 is a Thursday; +326 days = 46 weeks + 4 days → Monday).
    expect(formatDate("2026-11-23")).toBe("2026年11月23日 周一");
    expect(formatDate("2026-11-23", { locale: "en-US" })).toBe("Mon, Nov 23, 2026");
    expect(formatDate(null)).toBe("—");
  });

  it("writes durations in 秒/分/小时/天", () => {
    expect(formatDuration(45)).toBe("45秒");
    expect(formatDuration(192)).toBe("3分12秒"); // 3 × 60 + 12
    expect(formatDuration(7500)).toBe("2小时5分"); // 2 × 3600 + 5 × 60
    expect(formatDuration(129600)).toBe("1.5天"); // 1.5 × 86400
    expect(formatValue(0.041, "rate")).toBe("4.1%");
    expect(formatValue(123456, "money")).toBe("¥12.35万");
    expect(formatValue(-462.3, "money")).toBe("−¥462.30");
  });

  it("calls out the step with the lowest conversion from the previous one", () => {
    const steps = [step("浏览商品", 1000, 1), step("加入购物车", 300, 0.3), step("提交订单", 240, 0.8), step("支付成功", 6, 0.025)];
    expect(largestDropOff(steps)).toEqual({ from: "提交订单", to: "支付成功", rate: 0.025 });
    expect(largestDropOff([step("浏览商品", 10, 1)])).toBeNull();
  });

  it("writes CSV with a BOM, quoting commas, quotes and newlines", () => {
    const csv = toCsv([{ name: '双11 "狂欢", 预热', n: 3 }, { name: "a\nb", n: null }], ["name", "n"], { name: "活动" });
    expect(csv).toBe('\ufeff活动,n\r\n"双11 ""狂欢"", 预热",3\r\n"a\nb",\r\n');
  });

  it("indexes Chinese runs by words and suffixes so a part of a phrase is found", () => {
    const terms = cjkTerms("用户留存分析");
    expect(terms).toContain("用户留存分析");
    expect(terms).toContain("留存分析"); // suffix: a prefix search for 留存 finds it
    expect(terms).toContain("存分析");
    expect(terms).not.toContain("析"); // single characters match too much
    expect(cjkTerms("GMV")).toEqual(["GMV"]);
  });

  it("lists weeks and months newest first, marking the one still running", () => {
    // 2026-11-04 is a Wednesday (W45); 2026-11-18 a Wednesday (W47, Mon 16 – Sun 22).
    expect(weekPages("2026-11-04", "2026-11-18").map((w) => [w.week, w.partial])).toEqual([["2026-W47", true], ["2026-W46", false], ["2026-W45", false]]);
    expect(monthPages("2026-10-31", "2026-12-01").map((m) => [m.month, m.end, m.partial])).toEqual([["2026-12", "2026-12-31", true], ["2026-11", "2026-11-30", false], ["2026-10", "2026-10-31", false]]);
  });

  it("keeps URL-safe campaign ids as page names and hashes the rest", () => {
    expect(campaignSlug("618-2026")).toBe("618-2026");
    expect(campaignSlug("双11/2026")).toMatch(/^c-[0-9a-f]{10}$/);
    expect(campaignSlug("../x")).toMatch(/^c-/);
  });
});
