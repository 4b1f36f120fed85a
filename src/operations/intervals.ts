/**
 * 95 % intervals by the normal approximation (Wald), which is what an operator checks by hand in
 * Excel. Every function returns nulls rather than NaN when a group is empty.
 */
export const z95 = 1.959963984540054;

export interface Proportion {
  successes: number;
  n: number;
}

export interface ProportionDifference {
  rateA: number | null;
  rateB: number | null;
  /** rateA − rateB, a fraction (0.05 = 5 percentage points). */
  difference: number | null;
  low: number | null;
  high: number | null;
  /** The interval excludes zero. */
  significant: boolean | null;
}

/** Difference of two independent proportions: (pA − pB) ± z·√(pA(1−pA)/nA + pB(1−pB)/nB). */
export function proportionDifference(a: Proportion, b: Proportion, z = z95): ProportionDifference {
  if (a.n <= 0 || b.n <= 0) return { rateA: a.n > 0 ? a.successes / a.n : null, rateB: b.n > 0 ? b.successes / b.n : null, difference: null, low: null, high: null, significant: null };
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const margin = z * Math.sqrt((pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n);
  const difference = pa - pb;
  return { rateA: pa, rateB: pb, difference, low: difference - margin, high: difference + margin, significant: difference - margin > 0 || difference + margin < 0 };
}

/** Margin of error of one proportion: z·√(p(1−p)/n). */
export function proportionMargin({ successes, n }: Proportion, z = z95): number | null {
  if (n <= 0) return null;
  const p = successes / n;
  return z * Math.sqrt((p * (1 - p)) / n);
}

/**
 * NPS and its margin, both in points (−100 … 100). Each answer scores +1 (promoter), 0 or −1
 * (detractor); NPS is 100 × their mean, so its variance is (p⁺ + p⁻ − (p⁺ − p⁻)²) ÷ n.
 */
export function npsWithMargin(promoters: number, detractors: number, n: number, z = z95): { nps: number | null; margin: number | null } {
  if (n <= 0) return { nps: null, margin: null };
  const pp = promoters / n;
  const pd = detractors / n;
  const nps = pp - pd;
  return { nps: 100 * nps, margin: 100 * z * Math.sqrt((pp + pd - nps * nps) / n) };
}
