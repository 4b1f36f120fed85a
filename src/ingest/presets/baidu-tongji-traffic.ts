import type { Preset } from "../preset.ts";

/** 百度统计 受访页面 / 来源分析 daily report: PV, UV, 跳出率 as "45.2%", 平均访问时长 as "00:02:35". */
export const baiduTongjiTraffic: Preset = {
  name: "baidu-tongji-traffic",
  label: "百度统计 流量报告",
  table: "traffic",
  fileName: "百度统计|tongji",
  columns: {
    date: { from: ["日期", "时间"], parse: "date", required: true },
    channel: { from: ["来源", "来源类型", "搜索引擎", "来源网站"], parse: "text", required: true },
    page: { from: ["受访页面", "页面URL", "入口页面", "页面地址"], parse: "text" },
    pv: { from: ["浏览量(PV)", "浏览量（PV）", "浏览量"], parse: "integer", required: true },
    uv: { from: ["访客数(UV)", "访客数（UV）", "访客数"], parse: "integer" },
    visits: { from: ["访问次数", "贡献浏览量的访问次数", "入口页次数"], parse: "integer" },
    bounce_rate: { from: ["跳出率"], parse: "percent" },
    avg_visit_seconds: { from: ["平均访问时长", "平均停留时长"], parse: "duration" }
  }
};
