import type { StageNaming } from "./operations-config.ts";

export type StageKey = "new" | "active" | "growth" | "mature" | "silent" | "churned";

/** Stage keys in lifecycle order, for each naming. */
export const stageOrder: Record<StageNaming, StageKey[]> = {
  classic: ["new", "active", "silent", "churned"],
  lifecycle: ["new", "growth", "mature", "silent", "churned"]
};

const zh: Record<StageNaming, Partial<Record<StageKey, string>>> = {
  classic: { new: "新客", active: "活跃", silent: "沉默", churned: "流失" },
  lifecycle: { new: "引入期", growth: "成长期", mature: "成熟期", silent: "休眠期", churned: "流失期" }
};
const en: Record<StageNaming, Partial<Record<StageKey, string>>> = {
  classic: { new: "New", active: "Active", silent: "Silent", churned: "Churned" },
  lifecycle: { new: "Introduction", growth: "Growth", mature: "Maturity", silent: "Dormancy", churned: "Churn" }
};

export function stageLabel(key: string, naming: StageNaming, locale: "zh-CN" | "en-US" = "zh-CN"): string {
  if (key === "none") return locale === "en-US" ? "(not yet seen)" : "（新进入）";
  return (locale === "en-US" ? en : zh)[naming][key as StageKey] ?? key;
}
