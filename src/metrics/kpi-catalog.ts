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

const kpi = (key: string, label: string, labelEn: string, unit: KpiUnit, definition: string, downIsGood = false): KpiDefinition => ({ key, label, labelEn, unit, downIsGood, definition });

/** Every KPI of the KPI report, in the order reports list them. Columns of periodKpis carry these keys. */
export const kpiCatalog: readonly KpiDefinition[] = [
  kpi("uv", "访客数 UV", "Visitors (UV)", "count", "期内有浏览页面事件的去重用户数（不跨日相加）"),
  kpi("pv", "浏览量 PV", "Page views (PV)", "count", "期内浏览页面事件数，含刷新"),
  kpi("new_users", "新增用户", "New users", "count", "注册时间（用户表 first_seen），否则首次事件时间落在期内的用户数"),
  kpi("dau", "日活 DAU", "DAU", "count", "期内每日有任一事件的去重用户数之和 ÷ 期内天数（日均）"),
  kpi("wau", "周活 WAU", "WAU", "count", "截至期末（部分期为截至数据日）最近 7 天有任一事件的去重用户数"),
  kpi("mau", "月活 MAU", "MAU", "count", "截至期末最近 30 天有任一事件的去重用户数"),
  kpi("stickiness", "黏性 DAU/MAU", "Stickiness (DAU/MAU)", "rate", "日均 DAU ÷ MAU"),
  kpi("sessions", "访问次数", "Sessions", "count", "按 session_id 计；无 session_id 时同一用户闲置超过 30 分钟即为新访问"),
  kpi("bounce_rate", "跳出率", "Bounce rate", "rate", "只有一个事件的访问 ÷ 访问次数", true),
  kpi("avg_session_seconds", "平均访问时长", "Avg. session duration", "seconds", "Σ（访问内最后事件 − 首个事件）÷ 访问次数，单位秒"),
  kpi("conversion_rate", "转化率", "Conversion rate", "rate", "付费用户数 ÷ UV"),
  kpi("orders", "订单量", "Orders", "count", "期内下单且已支付的订单数（不含退款、取消、待支付）"),
  kpi("payers", "付费用户数", "Paying users", "count", "期内有已支付订单的去重用户数"),
  kpi("gmv", "GMV", "GMV", "money", "期内下单且已支付订单的实付金额之和，退款订单不计，单位元"),
  kpi("aov", "客单价", "Avg. order value (per buyer)", "money", "GMV ÷ 付费用户数"),
  kpi("arpu", "ARPU", "ARPU", "money", "GMV ÷ 期内活跃用户数（有任一事件）"),
  kpi("arppu", "ARPPU", "ARPPU", "money", "GMV ÷ 付费用户数（按期计算时与客单价相同）"),
  kpi("repurchase_rate", "复购率", "Repurchase rate", "rate", "期内已支付订单 ≥ 2 的用户 ÷ 付费用户数")
];

export const kpiKeys = kpiCatalog.map((k) => k.key);

export function kpiDefinition(key: string): KpiDefinition {
  const found = kpiCatalog.find((k) => k.key === key);
  if (!found) throw new Error(`unknown KPI ${JSON.stringify(key)} (known: ${kpiKeys.join(", ")})`);
  return found;
}
