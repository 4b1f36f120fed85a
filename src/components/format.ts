/**
 * Number formatting as Chinese reports write it: 1.2万 and 3.4亿 for large values, ¥ with two
 * decimals, rate changes in 百分点. A missing value (null, NaN, Infinity) prints as "—".
 */
import { pageLocale, type Locale } from "./locale.js";

export type { Locale };

const dash = "—";
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

export function formatNumber(x: number | null | undefined, { locale = pageLocale(), digits = 1 }: { locale?: Locale; digits?: number } = {}): string {
  if (!isNumber(x)) return dash;
  const abs = Math.abs(x);
  if (locale === "zh-CN") {
    if (abs >= 1e8) return `${trim((x / 1e8).toFixed(2))}亿`;
    if (abs >= 1e4) return `${trim((x / 1e4).toFixed(digits + 1 > 2 ? 2 : digits + 1))}万`;
  } else {
    if (abs >= 1e9) return `${trim((x / 1e9).toFixed(2))}B`;
    if (abs >= 1e6) return `${trim((x / 1e6).toFixed(2))}M`;
    if (abs >= 1e4) return `${trim((x / 1e3).toFixed(1))}K`;
  }
  return Number.isInteger(x) ? x.toLocaleString(locale) : x.toLocaleString(locale, { maximumFractionDigits: digits });
}

export function formatMoney(x: number | null | undefined, options: { locale?: Locale } = {}): string {
  if (!isNumber(x)) return dash;
  // −¥462.30, not ¥-462.30: the sign belongs to the amount.
  if (x < 0) return `−${formatMoney(-x, options)}`;
  if (x >= 1e4) return `¥${formatNumber(x, options)}`;
  return `¥${x.toLocaleString(options.locale ?? pageLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (!isNumber(x)) return dash;
  return `${(x * 100).toFixed(digits)}%`;
}

/** Signed relative change, e.g. +12.3%. */
export function formatChange(x: number | null | undefined, digits = 1): string {
  if (!isNumber(x)) return dash;
  return `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x * 100).toFixed(digits)}%`;
}

/** Signed change of a rate in percentage points, e.g. −0.8pp. */
export function formatPoints(x: number | null | undefined, digits = 1): string {
  if (!isNumber(x)) return dash;
  return `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x * 100).toFixed(digits)}pp`;
}

/** (current − base) ÷ base; undefined when there is no base to compare with. */
export function relativeChange(current: number | null | undefined, base: number | null | undefined): number | null {
  if (!isNumber(current) || !isNumber(base) || base === 0) return null;
  return (current - base) / base;
}

function trim(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

const weekdays = { "zh-CN": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"], "en-US": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };

// Fixed names rather than Intl: ICU versions differ ("Sep" or "Sept").
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar day as reports write it: 2026年11月23日 周一 (zh-CN) or Mon, Nov 23, 2026. */
export function formatDate(date: string | null | undefined, { locale = pageLocale(), weekday = true }: { locale?: Locale; weekday?: boolean } = {}): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) return dash;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = weekdays[locale][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  if (locale === "zh-CN") return `${y}年${mo}月${d}日${weekday ? ` ${day}` : ""}`;
  return `${weekday ? `${day}, ` : ""}${months[mo - 1]} ${d}, ${y}`;
}

/** Seconds as 3分12秒 / 2小时5分 / 1.5天 (or 3m 12s …). */
export function formatDuration(seconds: number | null | undefined, { locale = pageLocale() }: { locale?: Locale } = {}): string {
  if (!isNumber(seconds)) return dash;
  const zh = locale === "zh-CN";
  const s = Math.round(seconds);
  if (s < 60) return zh ? `${s}秒` : `${s}s`;
  if (s < 3600) return zh ? `${Math.floor(s / 60)}分${s % 60 ? `${s % 60}秒` : ""}` : `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return zh ? `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60)}分` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return zh ? `${trim((s / 86400).toFixed(1))}天` : `${trim((s / 86400).toFixed(1))}d`;
}

export type Unit = "count" | "money" | "rate" | "seconds";

/** A metric value in its unit: counts with 万/亿, money with ¥, rates as %, durations. */
export function formatValue(x: number | null | undefined, unit: Unit, { locale = pageLocale() }: { locale?: Locale } = {}): string {
  return unit === "money" ? formatMoney(x, { locale }) : unit === "rate" ? formatPercent(x) : unit === "seconds" ? formatDuration(x, { locale }) : formatNumber(x, { locale });
}
