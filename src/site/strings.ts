import type { Locale } from "../config.ts";

/** UI strings of the site chrome and components, Chinese first. */
const zh = {
  home: "首页",
  weeklyReports: "周报",
  monthlyReports: "月报",
  retros: "活动复盘",
  analysis: "专题分析",
  channels: "渠道分析",
  content: "内容分析",
  users: "用户分析",
  experiments: "A/B 实验",
  funnels: "转化漏斗",
  partialSuffix: "（进行中）",
  explore: "明细查询",
  footer: "由 Opsbook 生成 · 数据口径见各页说明",
  noData: "暂无数据",
  downloadCsv: "下载 CSV",
  vsPrevious: "环比",
  vsYearAgo: "同比",
  target: "目标",
  achievement: "达成",
  step: "步骤",
  userCount: "用户数",
  conversionFromFirst: "总转化率",
  conversionFromPrevious: "步骤转化率",
  medianTime: "中位耗时",
  cohort: "批次",
  cohortSize: "人数",
  period: "第{n}期",
  customers: "客户数",
  customerShare: "客户占比",
  revenueShare: "收入占比",
  anomaly: "异常",
  rising: "高于",
  falling: "低于",
  weekdays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"]
};

const en: typeof zh = {
  home: "Home",
  weeklyReports: "Weekly reports",
  monthlyReports: "Monthly reports",
  retros: "Campaign reviews",
  analysis: "Analysis",
  channels: "Channels",
  content: "Content",
  users: "Users",
  experiments: "A/B tests",
  funnels: "Funnels",
  partialSuffix: " (in progress)",
  explore: "Explore",
  footer: "Built with Opsbook · metric definitions on each page",
  noData: "No data yet",
  downloadCsv: "Download CSV",
  vsPrevious: "vs prev.",
  vsYearAgo: "YoY",
  target: "Target",
  achievement: "achieved",
  step: "Step",
  userCount: "Users",
  conversionFromFirst: "Overall conversion",
  conversionFromPrevious: "Step conversion",
  medianTime: "Median time",
  cohort: "Cohort",
  cohortSize: "Size",
  period: "P{n}",
  customers: "Customers",
  customerShare: "Customer share",
  revenueShare: "Revenue share",
  anomaly: "Anomaly",
  rising: "above",
  falling: "below",
  weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
};

export type Strings = typeof zh;

export function strings(locale: Locale): Strings {
  return locale === "en-US" ? en : zh;
}
