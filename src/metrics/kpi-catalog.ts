import { kpiNames } from "../components/kpi-names.ts";

/** What a KPI is measured in: rates compare in 百分点, the rest relatively. */
export type KpiUnit = "count" | "money" | "rate" | "seconds";

export interface KpiDefinition {
  key: string;
  label: string;
  labelEn: string;
  unit: KpiUnit;
  /** Lower is better (bounce rate): achievement is target ÷ actual and a fall is good news. */
  downIsGood: boolean;
  /** 口径, as printed beside the number. */
  definition: string;
}

// Names live with the components, which show them in the page's language.
const kpi = (key: string, unit: KpiUnit, definition: string, downIsGood = false): KpiDefinition => ({ key, label: kpiNames[key]["zh-CN"], labelEn: kpiNames[key]["en-US"], unit, downIsGood, definition });

/** Every KPI of the KPI report, in the order reports list them. Columns of periodKpis carry these keys. */
export const kpiCatalog: readonly KpiDefinition[] = [
  kpi("uv", "count", "期内有浏览页面事件的去重用户数（不跨日相加）"),
  kpi("pv", "count", "期内浏览页面事件数，含刷新"),
  kpi("new_users", "count", "注册时间（用户表 first_seen），否则首次事件时间落在期内的用户数"),
  kpi("dau", "count", "期内每日有任一事件的去重用户数之和 ÷ 期内天数（日均）"),
  kpi("wau", "count", "截至期末（部分期为截至数据日）最近 7 天有任一事件的去重用户数"),
  kpi("mau", "count", "截至期末最近 30 天有任一事件的去重用户数"),
  kpi("stickiness", "rate", "日均 DAU ÷ MAU"),
  kpi("sessions", "count", "按 session_id 计；无 session_id 时同一用户闲置超过 30 分钟即为新访问"),
  kpi("bounce_rate", "rate", "只有一个事件的访问 ÷ 访问次数", true),
  kpi("avg_session_seconds", "seconds", "Σ（访问内最后事件 − 首个事件）÷ 访问次数，单位秒"),
  kpi("conversion_rate", "rate", "付费用户数 ÷ UV"),
  kpi("orders", "count", "期内下单且已支付的订单数（不含退款、取消、待支付）"),
  kpi("payers", "count", "期内有已支付订单的去重用户数"),
  kpi("gmv", "money", "期内下单且已支付订单的实付金额之和，退款订单不计，单位元"),
  kpi("aov", "money", "GMV ÷ 付费用户数"),
  kpi("arpu", "money", "GMV ÷ 期内活跃用户数（有任一事件）"),
  kpi("arppu", "money", "GMV ÷ 付费用户数（按期计算时与客单价相同）"),
  kpi("repurchase_rate", "rate", "期内已支付订单 ≥ 2 的用户 ÷ 付费用户数")
];

export const kpiKeys = kpiCatalog.map((k) => k.key);

export function kpiDefinition(key: string): KpiDefinition {
  const found = kpiCatalog.find((k) => k.key === key);
  if (!found) throw new Error(`unknown KPI ${JSON.stringify(key)} (known: ${kpiKeys.join(", ")})`);
  return found;
}
