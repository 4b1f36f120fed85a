import type { Preset } from "../preset.ts";

/**
 * GrowingIO raw-event export (数据导出 / 事件明细): epoch-ms event_time, a login user id that is
 * empty for anonymous visitors (then the device id stands in), and custom attributes.
 */
export const growingioEvents: Preset = {
  name: "growingio-events",
  label: "GrowingIO 事件导出",
  table: "events",
  fileName: "growingio|gio",
  columns: {
    user_id: { from: ["user_id", "userId", "登录用户ID", "anonymous_user", "device_id", "deviceId", "访问用户ID"], parse: "text", required: true },
    event: { from: ["event_key", "eventKey", "event_name", "事件名称"], parse: "text", required: true },
    ts: { from: ["event_time", "eventTime", "时间", "事件时间"], parse: "timestamp", required: true },
    session_id: { from: ["session_id", "session", "sessionId", "访问ID"], parse: "text" },
    platform: { from: ["platform", "平台"], parse: "text" },
    page: { from: ["path", "page", "页面", "页面路径"], parse: "text" },
    channel: { from: ["utm_source", "广告来源", "来源"], parse: "text" }
  },
  rest: "properties"
};
