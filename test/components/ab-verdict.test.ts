import { describe, expect, it } from "vitest";
import { abVerdict, pairSplit } from "../../src/components/ab-verdict.ts";

// Numbers set by hand, not computed: the verdict only words them.
const comparison = { a: { users: 1000, rate: 0.1 }, b: { users: 1000, rate: 0.12 }, diff: 0.02, relative_lift: 0.2, p_value: 0.15, srm_p_value: 0.9 };

describe("A/B verdict in words", () => {
  it("says a difference is not significant, in either language, from the same numbers", () => {
    expect(abVerdict(comparison, 0.5, "en-US")).toBe("B converts at 12.00%, A at 10.00%, 2.00 percentage points apart (+20.0% relative); the difference is not significant (p=0.15): B is not yet shown better or worse, keep collecting.");
    expect(abVerdict(comparison, 0.5, "zh-CN")).toBe("B 的转化率 12.00%，A 为 10.00%，相差 2.00 个百分点（相对 +20.0%），差异不显著（p=0.15）：还不能说 B 更好或更差，可继续积累样本。");
  });

  it("lets a sample-ratio mismatch override significance", () => {
    const srm = { ...comparison, a: { users: 1200, rate: 0.1 }, b: { users: 800, rate: 0.12 }, p_value: 0.01, srm_p_value: 0.0001 };
    expect(abVerdict(srm, pairSplit(50, 50), "en-US")).toBe("Sample ratio mismatch (SRM, p<0.001): the actual split 1200:800 does not match the planned 50%:50%; check assignment and tracking first, the result cannot be trusted yet.");
    expect(pairSplit(70, 30)).toBeCloseTo(0.7);
    expect(pairSplit(null, 30)).toBe(0.5);
  });
});
