import { pageLocale, type Locale } from "./locale.js";

/** English names of the default RFM tiers (src/metrics/rfm-rules.ts) and of customers yet to buy. */
const english: Record<string, string> = { 高价值: "High value", 潜力: "Potential", 低活跃: "Low activity", 流失: "Churned", 未购买: "Not yet purchased" };

/** An RFM tier as this page names it; tiers an analyst configured keep their own names. */
export function tierName(tier: unknown, locale: Locale = pageLocale()): string {
  const name = tier == null ? "—" : String(tier);
  return locale === "en-US" ? english[name] ?? name : name;
}
