import { join } from "node:path";
import { addDays, daysBetween } from "../calendar.ts";
import { CsvWriter } from "../sample/csv-writer.ts";
import { Random } from "../sample/random.ts";

const comments = {
  promoter: ["物流很快，包装用心", "客服态度好，会推荐给朋友", "会员活动很划算", "商品质量超出预期"],
  passive: ["还可以，价格再低点就好了", "活动规则有点复杂", "App 偶尔卡顿"],
  detractor: ["退款太慢了", "客服回复慢 <希望改进>", "优惠券用不了，体验很差", "发货比承诺晚了三天"]
};

/**
 * The operations part of the sample: an NPS survey export (问卷星 style, Chinese headers) and one
 * recall campaign's send list with a random 50 % holdout. Separate from the main generator so it
 * can change without touching it; users are drawn from the same ids (u0000001 …).
 */
export function writeOperationsSample({ outDir, users, start, end, seed }: { outDir: string; users: number; start: string; end: string; seed: number }): string[] {
  const rng = new Random(seed ^ 0x5eed);
  const userId = () => `u${String(rng.int(1, users)).padStart(7, "0")}`;

  const survey = new CsvWriter(join(outDir, "NPS问卷_问卷星导出.csv"), ["问卷名称", "用户ID", "提交时间", "推荐意愿", "满意度", "意见建议", "答题渠道"], "utf8-bom");
  const responses = Math.max(40, Math.round(users * 0.06));
  for (let i = 0; i < responses; i++) {
    const date = addDays(end, -rng.int(0, Math.min(89, daysBetween(start, end))));
    // A typical shop: about 40 % promoters, 35 % passives, 25 % detractors.
    const kind = i === 0 ? "detractor" : rng.weighted({ promoter: 40, passive: 35, detractor: 25 });
    const score = kind === "promoter" ? rng.int(9, 10) : kind === "passive" ? rng.int(7, 8) : rng.int(0, 6);
    const satisfaction = rng.chance(0.6) ? String(Math.max(1, Math.min(5, Math.round(score / 2)))) : "";
    // Respondents type angle brackets too: the first comment carries markup the site must show as text.
    const comment = i === 0 ? "<b>客服回复太慢</b>，希望改进" : rng.chance(0.3) ? rng.pick(comments[kind]) : "";
    const time = `${date} ${String(rng.int(8, 22)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
    survey.write(["会员满意度调研", userId(), time, score, satisfaction, comment, rng.pick(["短信", "公众号", "App 弹窗"])]);
  }
  survey.close();

  const sent = addDays(end, -21);
  const recall = new CsvWriter(join(outDir, "召回名单_沉默用户短信.csv"), ["活动ID", "用户ID", "分组", "发送时间", "触达方式"], "utf8-bom");
  const chosen = new Set<string>();
  const size = Math.max(40, Math.round(users * 0.1));
  while (chosen.size < Math.min(size, users)) chosen.add(userId());
  for (const id of [...chosen].sort()) {
    const holdout = rng.chance(0.5);
    recall.write([`recall-${sent.slice(0, 7)}`, id, holdout ? "对照组" : "目标组", holdout ? "" : `${sent} 10:00:00`, holdout ? "" : "短信+优惠券"]);
  }
  recall.close();
  return [survey.path, recall.path];
}
