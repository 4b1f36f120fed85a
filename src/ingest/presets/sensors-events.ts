import type { Preset } from "../preset.ts";

/** 神策分析 event export: reserved properties start with "$"; custom ones are kept as properties. */
export const sensorsEvents: Preset = {
  name: "sensors-events",
  label: "神策 事件导出",
  table: "events",
  fileName: "神策|sensors",
  columns: {
    user_id: { from: ["distinct_id"], parse: "text", required: true },
    event: { from: ["event"], parse: "text", required: true },
    ts: { from: ["time"], parse: "timestamp", required: true },
    session_id: { from: ["$session_id", "$event_session_id"], parse: "text" },
    platform: { from: ["$os", "$lib"], parse: "text" },
    page: { from: ["$url", "$screen_name"], parse: "text" },
    channel: { from: ["$utm_source", "$latest_utm_source"], parse: "text" }
  },
  rest: "properties"
};
