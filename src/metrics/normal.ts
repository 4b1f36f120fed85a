/**
 * Complementary error function (Numerical Recipes' erfcc, Chebyshev fit): fractional error below
 * 1.2e-7 everywhere, plenty for p-values printed to three significant digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    );
  return x >= 0 ? r : 2 - r;
}

/** P(|Z| ≥ |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
export const twoSidedP = (z: number) => erfc(Math.abs(z) / Math.SQRT2);

/** P(χ²₁ ≥ x): a chi-square with one degree of freedom is a squared standard normal. */
export const chiSquare1P = (x: number) => erfc(Math.sqrt(x / 2));

/** The 97.5 % standard normal quantile, for 95 % two-sided intervals. */
export const z975 = 1.959963984540054;
