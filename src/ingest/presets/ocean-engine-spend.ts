import type { Preset } from "../preset.ts";

/** 巨量引擎 (抖音/头条 ads) daily report. */
export const oceanEngineSpend: Preset = {
  name: "ocean-engine-spend",
  label: "巨量引擎 投放报表",
  table: "spend",
  fileName: "巨量|oceanengine",
  columns: {
    date: { from: ["日期", "时间"], parse: "date", required: true },
    campaign_id: { from: ["广告计划", "广告计划ID", "计划名称"], parse: "text" },
    impressions: { from: ["展示数", "展示次数"], parse: "integer" },
    clicks: { from: ["点击数", "点击次数"], parse: "integer" },
    cost: { from: ["消耗", "消耗(元)"], parse: "money", required: true },
    conversions: { from: ["转化数"], parse: "integer" }
  },
  constants: { channel: "抖音" }
};
