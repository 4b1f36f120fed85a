import type { Preset } from "../preset.ts";

/**
 * 公众号 后台 图文分析 export, one row per article and day. The export has no article id, so the
 * title identifies the post (a re-published title on the same day is the same post).
 */
export const wechatMpArticles: Preset = {
  name: "wechat-mp-articles",
  label: "公众号 图文分析",
  table: "content",
  fileName: "公众号|图文",
  columns: {
    date: { from: ["日期", "统计日期"], parse: "date", required: true },
    content_id: { from: ["图文ID", "msgid", "内容标题", "标题"], parse: "text", required: true },
    title: { from: ["内容标题", "标题"], parse: "text" },
    views: { from: ["阅读次数", "图文阅读次数", "总阅读次数"], parse: "integer", required: true },
    likes: { from: ["点赞人数", "在看人数", "点赞数"], parse: "integer" },
    shares: { from: ["分享次数", "转发次数"], parse: "integer" },
    comments: { from: ["留言次数", "留言数"], parse: "integer" },
    saves: { from: ["收藏次数", "收藏人数"], parse: "integer" },
    followers_gained: { from: ["阅读后关注人数", "新增关注人数"], parse: "integer" }
  },
  constants: { platform: "公众号", type: "图文" }
};
