/**
 * Number formatting as Chinese reports write it: 1.2万 and 3.4亿 for large values, ¥ with two
 * decimals, rate changes in 百分点. A missing value (null, NaN, Infinity) prints as "—".
 */
export type Locale = "zh-CN" | "en-US";

const dash = "—";
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

export function formatNumber(x: number | null | undefined, { locale = "zh-CN", digits = 1 }: { locale?: Locale; digits?: number } = {}): string {
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
  if (Math.abs(x) >= 1e4) return `¥${formatNumber(x, options)}`;
  return `¥${x.toLocaleString(options.locale ?? "zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
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
