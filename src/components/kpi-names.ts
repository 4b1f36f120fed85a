import { pageLocale, type Locale } from "./locale.js";

/**
 * KPI names in each language, by KPI key: the metrics' catalog (src/metrics/kpi-catalog.ts) takes
 * its labels from here, and components use it to name a KPI in the page's language even when the
 * data was computed (or snapshotted) for the other one.
 */
export const kpiNames: Record<string, Record<Locale, string>> = {
  uv: { "zh-CN": "访客数 UV", "en-US": "Visitors (UV)" },
  pv: { "zh-CN": "浏览量 PV", "en-US": "Page views (PV)" },
  new_users: { "zh-CN": "新增用户", "en-US": "New users" },
  dau: { "zh-CN": "日活 DAU", "en-US": "DAU" },
  wau: { "zh-CN": "周活 WAU", "en-US": "WAU" },
  mau: { "zh-CN": "月活 MAU", "en-US": "MAU" },
  stickiness: { "zh-CN": "黏性 DAU/MAU", "en-US": "Stickiness (DAU/MAU)" },
  sessions: { "zh-CN": "访问次数", "en-US": "Sessions" },
  bounce_rate: { "zh-CN": "跳出率", "en-US": "Bounce rate" },
  avg_session_seconds: { "zh-CN": "平均访问时长", "en-US": "Avg. session duration" },
  conversion_rate: { "zh-CN": "转化率", "en-US": "Conversion rate" },
  orders: { "zh-CN": "订单量", "en-US": "Orders" },
  payers: { "zh-CN": "付费用户数", "en-US": "Paying users" },
  gmv: { "zh-CN": "GMV", "en-US": "GMV" },
  aov: { "zh-CN": "客单价", "en-US": "Avg. order value (per buyer)" },
  arpu: { "zh-CN": "ARPU", "en-US": "ARPU" },
  arppu: { "zh-CN": "ARPPU", "en-US": "ARPPU" },
  repurchase_rate: { "zh-CN": "复购率", "en-US": "Repurchase rate" }
};

/**
 * A KPI's name on this page: by key, or by the name the data carries (anomalies carry only that);
 * names it does not know stay as they are.
 */
export function kpiName({ key, label }: { key?: string; label: string }, locale: Locale = pageLocale()): string {
  const names = (key ? kpiNames[key] : undefined) ?? Object.values(kpiNames).find((n) => n["zh-CN"] === label || n["en-US"] === label);
  return names ? names[locale] : label;
}
