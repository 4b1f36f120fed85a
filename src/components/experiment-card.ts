import { html } from "htl";
import { dataTable } from "./data-table.js";
import { formatNumber, formatPercent, formatPoints } from "./format.js";
import { abVerdict, pairSplit, type VerdictInput } from "./ab-verdict.js";
import { localized, pageLocale } from "./locale.js";

const text = {
  "zh-CN": { header: { variant: "分组", users: "用户数", conversions: "转化数", rate: "转化率", intended_share: "设计占比" }, colon: "：", diff: "差异 ", open: "（", close: "）", comma: "，", stop: "。" },
  "en-US": { header: { variant: "Group", users: "Users", conversions: "Conversions", rate: "Conversion rate", intended_share: "Planned share" }, colon: ": ", diff: "difference ", open: " (", close: ")", comma: ", ", stop: ". " }
};

interface Experiment {
  experiment: string;
  control: string;
  variants: { variant: string; users: number; conversions: number; rate: number | null; intended_share: number | null }[];
  comparisons: ({ variant: string; ci: [number, number] | null; verdict: string } & VerdictInput)[];
}

/** One experiment: its arms, and each variant against the control in words. */
export function experimentCard(e: Experiment): HTMLElement {
  const t = localized(text);
  const share = (variant: string) => e.variants.find((v) => v.variant === variant)?.intended_share ?? null;
  // The stored sentence is Chinese; other languages write it from the same numbers.
  const verdict = (c: Experiment["comparisons"][number]) => (pageLocale() === "zh-CN" ? c.verdict : abVerdict(c, pairSplit(share(e.control), share(c.variant))));
  return html`<div class="card experiment">
    <h2>${e.experiment}</h2>
    ${dataTable(e.variants, {
      header: t.header,
      format: { users: (v) => formatNumber(v as number), conversions: (v) => formatNumber(v as number), rate: (v) => formatPercent(v as number, 2), intended_share: (v) => formatPercent(v as number, 0) },
      filename: "experiment.csv"
    })}
    <ul>${e.comparisons.map((c) => html`<li><strong>${c.variant} vs ${e.control}</strong>${t.colon}${t.diff}${formatPoints(c.diff, 2)}${c.ci ? `${t.open}95% CI ${formatPoints(c.ci[0], 2)} ~ ${formatPoints(c.ci[1], 2)}${t.close}` : ""}${t.comma}p = ${c.p_value == null ? "—" : c.p_value < 0.001 ? "<0.001" : c.p_value.toFixed(3)}${t.stop}${verdict(c)}</li>`)}</ul>
  </div>`;
}
