import { pageLocale, type Locale } from "./locale.js";

/** What a verdict reads from an A/B comparison (src/metrics/ab-test.ts computes the numbers). */
export interface VerdictInput {
  a: { users: number; rate: number | null };
  b: { users: number; rate: number | null };
  diff: number | null;
  relative_lift: number | null;
  p_value: number | null;
  srm_p_value: number | null;
}

/** The control's share of a pair's planned traffic, which the SRM check compares against. */
export function pairSplit(controlShare: number | null, variantShare: number | null): number {
  return controlShare && variantShare ? controlShare / (controlShare + variantShare) : 0.5;
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const fmtP = (p: number) => (p < 0.001 ? "p<0.001" : `p=${p.toPrecision(2)}`);

/**
 * The comparison in one sentence: significance at 5 %, an SRM p below 0.001 overriding it because
 * the split itself is suspect then. The metric stores the Chinese sentence; an English page writes
 * its own from the same numbers.
 */
export function abVerdict(r: VerdictInput, split: number, locale: Locale = pageLocale()): string {
  const en = locale === "en-US";
  if (r.a.rate === null || r.b.rate === null) return en ? "Too few users: at least one group is empty, nothing to compare." : "样本不足：至少一组没有用户，无法比较。";
  if (r.srm_p_value !== null && r.srm_p_value < 0.001) {
    return en
      ? `Sample ratio mismatch (SRM, ${fmtP(r.srm_p_value)}): the actual split ${r.a.users}:${r.b.users} does not match the planned ${pct(split, 0)}:${pct(1 - split, 0)}; check assignment and tracking first, the result cannot be trusted yet.`
      : `样本比例失衡（SRM，${fmtP(r.srm_p_value)}）：实际分流 ${r.a.users}:${r.b.users} 与计划 ${pct(split, 0)}:${pct(1 - split, 0)} 不符，先排查分流和埋点，结果暂不可信。`;
  }
  if (r.p_value === null || r.diff === null) return en ? "Neither group converted (or both converted fully): no difference can be judged." : "两组都没有转化（或全部转化），无法判断差异。";
  const pp = en ? `${Math.abs(r.diff * 100).toFixed(2)} percentage points` : `${Math.abs(r.diff * 100).toFixed(2)} 个百分点`;
  const lift = r.relative_lift === null ? "" : en ? ` (${r.relative_lift >= 0 ? "+" : ""}${pct(r.relative_lift)} relative)` : `（相对 ${r.relative_lift >= 0 ? "+" : ""}${pct(r.relative_lift)}）`;
  const [a, b] = [pct(r.a.rate, 2), pct(r.b.rate, 2)];
  if (r.p_value < 0.05) {
    if (en) return `B converts at ${b}, ${pp} ${r.diff > 0 ? "above" : "below"} A's ${a}${lift}; the difference is significant (${fmtP(r.p_value)}): ${r.diff > 0 ? "adopt B" : "do not adopt B"}.`;
    return r.diff > 0
      ? `B 的转化率 ${b}，比 A 的 ${a} 高 ${pp}${lift}，差异显著（${fmtP(r.p_value)}），建议采用 B。`
      : `B 的转化率 ${b}，比 A 的 ${a} 低 ${pp}${lift}，差异显著（${fmtP(r.p_value)}），不建议采用 B。`;
  }
  return en
    ? `B converts at ${b}, A at ${a}, ${pp} apart${lift}; the difference is not significant (${fmtP(r.p_value)}): B is not yet shown better or worse, keep collecting.`
    : `B 的转化率 ${b}，A 为 ${a}，相差 ${pp}${lift}，差异不显著（${fmtP(r.p_value)}）：还不能说 B 更好或更差，可继续积累样本。`;
}
