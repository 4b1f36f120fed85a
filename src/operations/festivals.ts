import { addDays } from "../calendar.ts";
import type { FestivalSetting } from "./operations-config.ts";

export interface Festival {
  name: string;
  start: string;
  /** Inclusive. */
  end: string;
  type: string;
}

// Lunar festivals move every year; the dates are the official ones for 2025–2027. Platforms
// announce their own promotion windows each year: override or add them in opsbook.config.json.
const lunar: Record<string, { 春节: string; 元宵节: string; 端午节: string; 七夕: string; 中秋节: string; 清明节: string }> = {
  "2025": { 春节: "2025-01-29", 元宵节: "2025-02-12", 清明节: "2025-04-04", 端午节: "2025-05-31", 七夕: "2025-08-29", 中秋节: "2025-10-06" },
  "2026": { 春节: "2026-02-17", 元宵节: "2026-03-03", 清明节: "2026-04-05", 端午节: "2026-06-19", 七夕: "2026-08-19", 中秋节: "2026-09-25" },
  "2027": { 春节: "2027-02-06", 元宵节: "2027-02-20", 清明节: "2027-04-05", 端午节: "2027-06-09", 七夕: "2027-08-08", 中秋节: "2027-09-15" }
};

export const festivalYears = Object.keys(lunar);

/** The holidays and shopping festivals Chinese shops plan around, for one year. */
export function festivalsOfYear(year: string): Festival[] {
  const l = lunar[year];
  if (!l) return [];
  const day = (md: string) => `${year}-${md}`;
  return [
    { name: "元旦", start: day("01-01"), end: day("01-01"), type: "节假日" },
    // 年货节 runs in the weeks before the Spring Festival holiday, when couriers stop.
    { name: "年货节", start: addDays(l.春节, -25), end: addDays(l.春节, -8), type: "电商大促" },
    { name: "春节", start: l.春节, end: addDays(l.春节, 6), type: "节假日" },
    { name: "元宵节", start: l.元宵节, end: l.元宵节, type: "节日" },
    { name: "38女神节", start: day("03-01"), end: day("03-08"), type: "电商大促" },
    { name: "清明节", start: l.清明节, end: l.清明节, type: "节假日" },
    { name: "五一劳动节", start: day("05-01"), end: day("05-05"), type: "节假日" },
    { name: "520", start: day("05-20"), end: day("05-20"), type: "营销节点" },
    { name: "618年中大促", start: day("06-01"), end: day("06-18"), type: "电商大促" },
    { name: "端午节", start: l.端午节, end: l.端午节, type: "节假日" },
    { name: "七夕", start: l.七夕, end: l.七夕, type: "营销节点" },
    { name: "99划算节", start: day("09-09"), end: day("09-09"), type: "电商大促" },
    { name: "中秋节", start: l.中秋节, end: l.中秋节, type: "节假日" },
    { name: "国庆节", start: day("10-01"), end: day("10-07"), type: "节假日" },
    { name: "双11", start: day("10-20"), end: day("11-11"), type: "电商大促" },
    { name: "双12", start: day("12-12"), end: day("12-12"), type: "电商大促" },
    { name: "圣诞节", start: day("12-25"), end: day("12-25"), type: "营销节点" }
  ];
}

/**
 * Festivals overlapping [from, to] (inclusive): the shipped calendar plus configured ones. A
 * configured festival with the same name and year replaces the shipped dates.
 */
export function festivalsBetween(from: string, to: string, configured: FestivalSetting[] = []): Festival[] {
  const years = festivalYears.filter((y) => y >= from.slice(0, 4) && y <= to.slice(0, 4));
  const custom = configured.map((f) => ({ type: "自定义", ...f }));
  const replaced = new Set(custom.map((f) => `${f.name}@${f.start.slice(0, 4)}`));
  const shipped = years.flatMap(festivalsOfYear).filter((f) => !replaced.has(`${f.name}@${f.start.slice(0, 4)}`));
  return [...shipped, ...custom].filter((f) => f.end >= from && f.start <= to).sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
}
