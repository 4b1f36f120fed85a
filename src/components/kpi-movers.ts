import { formatChange, formatMoney, formatNumber, formatPercent, formatPoints, relativeChange, type Locale } from "./format.js";

export interface KpiMove {
  metric: string;
  label: string;
  current: number | null;
  previous: number | null;
  /** Relative change for counts and money; percentage points for rates. */
  change: number | null;
  kind: "relative" | "points";
  /** "GMV ¥1.2万（+12.3%）" */
  text: string;
}

type KpiRow = Record<string, unknown>;

const metrics: { metric: string; zh: string; en: string; kind: "relative" | "points"; fmt: (x: number | null, locale: Locale) => string }[] = [
  { metric: "gmv", zh: "GMV", en: "GMV", kind: "relative", fmt: (x, locale) => formatMoney(x, { locale }) },
  { metric: "uv", zh: "访客数 UV", en: "Visitors (UV)", kind: "relative", fmt: (x, locale) => formatNumber(x, { locale }) },
  { metric: "orders", zh: "支付订单数", en: "Paid orders", kind: "relative", fmt: (x, locale) => formatNumber(x, { locale }) },
  { metric: "payers", zh: "支付用户数", en: "Paying users", kind: "relative", fmt: (x, locale) => formatNumber(x, { locale }) },
  { metric: "conversion_rate", zh: "支付转化率", en: "Paid conversion", kind: "points", fmt: (x) => formatPercent(x) }
];

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * The headline KPIs of a week against the week before, biggest move first. Rates move in
 * 百分点 and are ranked ×10 (a 1pp swing in conversion weighs like a 10 % swing in GMV).
 */
export function kpiMovers(current: KpiRow, previous: KpiRow, { locale = "zh-CN" }: { locale?: Locale } = {}): KpiMove[] {
  return metrics
    .filter(({ metric }) => metric in current)
    .map(({ metric, zh, en, kind, fmt }) => {
      const a = num(current[metric]);
      const b = num(previous[metric]);
      const change = kind === "points" ? (a !== null && b !== null ? a - b : null) : relativeChange(a, b);
      const label = locale === "en-US" ? en : zh;
      const shown = change === null ? (locale === "en-US" ? "no comparison" : "无可比") : kind === "points" ? formatPoints(change) : formatChange(change);
      return { metric, label, current: a, previous: b, change, kind, text: `${label} ${fmt(a, locale)}${locale === "en-US" ? ` (${shown})` : `（${shown}）`}` };
    })
    .sort((x, y) => weight(y) - weight(x));
}

function weight(m: KpiMove): number {
  return m.change === null ? -1 : Math.abs(m.change) * (m.kind === "points" ? 10 : 1);
}
