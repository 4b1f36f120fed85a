import type { Preset } from "../preset.ts";

/** 腾讯广告 (广点通: 朋友圈, 公众号, QQ placements) daily report, often downloaded as XLSX. */
export const tencentAdsSpend: Preset = {
  name: "tencent-ads-spend",
  label: "腾讯广告 投放报表",
  table: "spend",
  fileName: "腾讯广告|广点通|gdt|tencent",
  columns: {
    date: { from: ["日期", "时间"], parse: "date", required: true },
    campaign_id: { from: ["推广计划", "推广计划名称", "广告名称", "计划名称"], parse: "text" },
    impressions: { from: ["曝光次数", "曝光量", "展示数"], parse: "integer" },
    clicks: { from: ["点击次数", "点击量", "点击数"], parse: "integer" },
    cost: { from: ["花费", "花费(元)", "消耗"], parse: "money", required: true },
    conversions: { from: ["目标转化量", "转化目标量", "转化数"], parse: "integer" }
  },
  constants: { channel: "腾讯广告" }
};
