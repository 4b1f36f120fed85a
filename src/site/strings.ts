import type { Locale } from "../config.ts";

/** UI strings of the site chrome, Chinese first. */
const zh = {
  weeklyReports: "周报",
  partialSuffix: "（进行中）",
  explore: "明细查询",
  footer: "由 Opsbook 生成 · 数据口径见各页说明"
};

const en: typeof zh = {
  weeklyReports: "Weekly reports",
  partialSuffix: " (in progress)",
  explore: "Explore",
  footer: "Built with Opsbook · metric definitions on each page"
};

export function strings(locale: Locale): typeof zh {
  return locale === "en-US" ? en : zh;
}
