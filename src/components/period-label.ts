import { localized } from "./locale.js";

/** Column labels of a weekly retention heatmap: periods after the cohort's own week. */
export function weekLabel(k: number): string {
  return localized({ "zh-CN": `第${k}周`, "en-US": `Wk ${k}` });
}

/** Column labels of a monthly retention heatmap: months after the cohort's own. */
export function monthLabel(k: number): string {
  return localized({ "zh-CN": `第${k}月`, "en-US": `Mo ${k}` });
}
