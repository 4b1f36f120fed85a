import type { Preset } from "../preset.ts";

// Codes → values: anything outside the scale is rejected with the line and cell named.
const scale = (from: number, to: number) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), String(from + i)]));

/** NPS / satisfaction survey exports (问卷星, 腾讯问卷 …), Chinese or canonical headers. */
export const surveyNps: Preset = {
  name: "survey-nps",
  label: "NPS 问卷",
  table: "nps",
  fileName: "NPS|问卷|survey|满意度",
  columns: {
    survey: { from: ["问卷名称", "问卷", "survey"], parse: "text" },
    user_id: { from: ["用户ID", "会员ID", "user_id"], parse: "text", required: true },
    ts: { from: ["提交时间", "答题时间", "ts"], parse: "timestamp", required: true },
    score: { from: ["推荐意愿", "推荐分", "NPS评分", "评分", "score"], parse: "integer", required: true, values: scale(0, 10) },
    satisfaction: { from: ["满意度", "satisfaction"], parse: "integer", values: scale(1, 5) },
    comment: { from: ["意见建议", "评论", "留言", "comment"], parse: "text" },
    channel: { from: ["答题渠道", "来源", "channel"], parse: "text" }
  }
};

/** A recall campaign's send list with its holdout group (who was deliberately not contacted). */
export const recallList: Preset = {
  name: "recall-list",
  label: "召回名单",
  table: "recall",
  fileName: "召回|recall",
  columns: {
    campaign_id: { from: ["活动ID", "召回活动", "campaign_id"], parse: "text", required: true },
    user_id: { from: ["用户ID", "会员ID", "user_id"], parse: "text", required: true },
    variant: { from: ["分组", "组别", "variant"], parse: "text", required: true, values: { 目标组: "target", 实验组: "target", 对照组: "holdout", 留出组: "holdout", target: "target", holdout: "holdout" } },
    sent_at: { from: ["发送时间", "触达时间", "sent_at"], parse: "timestamp" },
    touch: { from: ["触达方式", "渠道", "touch"], parse: "text" }
  }
};

export const operationsPresets: Preset[] = [surveyNps, recallList];
