import type { Preset } from "../preset.ts";

/** A CRM user list with Chinese headers. */
export const crmUsers: Preset = {
  name: "crm-users",
  label: "CRM 用户列表",
  table: "users",
  fileName: "CRM|用户",
  columns: {
    user_id: { from: ["用户ID", "会员ID"], parse: "text", required: true },
    first_seen: { from: ["注册时间", "首次访问时间"], parse: "timestamp" },
    channel: { from: ["注册渠道", "来源渠道"], parse: "text" },
    region: { from: ["城市", "地区"], parse: "text" },
    platform: { from: ["设备", "平台"], parse: "text" }
  },
  rest: "attributes"
};
