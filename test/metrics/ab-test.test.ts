import { describe, expect, it } from "vitest";
import { abTest, computeExperiments } from "../../src/metrics/ab-test.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/**
 * Expected values from an independent implementation (Python's statistics.NormalDist and
 * math.erfc), by the textbook formulas:
 *   A 200/2000 = 0.10, B 250/2000 = 0.125, diff 0.025;
 *   unpooled SE = √(.1·.9/2000 + .125·.875/2000) = √0.0000996875 → CI 0.025 ± 1.959964·SE = [0.005431009, 0.044568991];
 *   pooled p = 450/4000 = 0.1125, SE = √(.1125·.8875·(2/2000)) → z = 2.501955417, two-sided p = 0.012350948.
 */
describe("abTest", () => {
  it("gives the difference, its interval, the z-test and the lift", () => {
    const r = abTest({ a: { conversions: 200, users: 2000 }, b: { conversions: 250, users: 2000 } });
    expect(r.a.rate).toBe(0.1);
    expect(r.diff).toBeCloseTo(0.025, 12);
    expect(r.ci![0]).toBeCloseTo(0.005431008554656027, 8);
    expect(r.ci![1]).toBeCloseTo(0.04456899144534396, 8);
    expect(r.relative_lift).toBeCloseTo(0.25, 12);
    expect(r.z).toBeCloseTo(2.501955416802671, 8);
    expect(r.p_value).toBeCloseTo(0.012350947711191385, 6);
    // 2000 : 2000 is exactly the planned half-half split.
    expect(r.srm_p_value).toBeCloseTo(1, 6);
    expect(r.verdict).toMatch(/高 2.50 个百分点.*差异显著.*建议采用 B/);
  });

  it("checks the sample ratio against the intended split", () => {
    // 5100 : 4900 at 50/50: χ² = 100²/5000 · 2 = 4 → p = erfc(√2) = 0.045500264.
    expect(abTest({ a: { conversions: 10, users: 5100 }, b: { conversions: 10, users: 4900 } }).srm_p_value).toBeCloseTo(0.045500263896358396, 6);
    // 1000 : 1200 planned 40/60: expected 880 : 1320, χ² = 120²/880 + 120²/1320 = 27.27 → p = 1.767e-7: SRM.
    const r = abTest({ a: { conversions: 100, users: 1000 }, b: { conversions: 130, users: 1200 }, split: 0.4 });
    expect(r.srm_p_value! / 1.76686044218784e-7).toBeCloseTo(1, 5);
    expect(r.verdict).toMatch(/^样本比例失衡（SRM/);
  });

  it("says so when nothing can be concluded, never NaN", () => {
    const none = abTest({ a: { conversions: 0, users: 100 }, b: { conversions: 0, users: 100 } });
    expect(none).toMatchObject({ diff: 0, relative_lift: null, z: null, p_value: null });
    expect(none.verdict).toMatch(/无法判断/);
    const empty = abTest({ a: { conversions: 0, users: 0 }, b: { conversions: 3, users: 10 } });
    expect(empty).toMatchObject({ diff: null, ci: null, p_value: null });
    expect(() => abTest({ a: { conversions: 11, users: 10 }, b: { conversions: 1, users: 10 } })).toThrow(/a.conversions must be a whole number between 0 and users \(10\)/);
    const flat = abTest({ a: { conversions: 50, users: 1000 }, b: { conversions: 52, users: 1000 } });
    expect(flat.verdict).toMatch(/差异不显著/);
  });
});

describe("computeExperiments", () => {
  it("counts users converting after assignment, per variant, against the control", async () => {
    const w = await memoryWarehouse();
    await w.connection.run(`
      insert into experiments (experiment, variant, user_id, assigned_at, intended_share) values
        ('新首页', 'B', 'u1', '2026-06-01 10:00:00+08', 0.5), ('新首页', 'B', 'u2', '2026-06-01 10:00:00+08', 0.5),
        ('新首页', 'B', 'u3', '2026-06-01 10:00:00+08', 0.5), ('新首页', 'A', 'u4', '2026-06-01 10:00:00+08', 0.5),
        ('新首页', 'A', 'u5', '2026-06-01 10:00:00+08', 0.5);
      insert into orders (order_id, user_id, ts, amount, status) values
        ('1', 'u1', '2026-06-02 10:00:00+08', 10, 'paid'), ('2', 'u1', '2026-06-03 10:00:00+08', 10, 'paid'),
        ('3', 'u2', '2026-05-30 10:00:00+08', 10, 'paid'), ('4', 'u3', '2026-06-02 10:00:00+08', 10, 'refunded'),
        ('5', 'u4', '2026-06-05 10:00:00+08', 10, 'paid');`);
    const [report] = await computeExperiments(w.connection);
    // B: u1 converted (twice, counted once); u2 only before assignment; u3's order was refunded → 1/3. A: u4 → 1/2.
    expect(report.control).toBe("A");
    expect(report.variants.map((v) => [v.variant, v.conversions, v.users])).toEqual([["A", 1, 2], ["B", 1, 3]]);
    expect(report.comparisons[0]).toMatchObject({ variant: "B", a: { conversions: 1, users: 2 }, b: { conversions: 1, users: 3 } });
    expect(report.comparisons[0].diff).toBeCloseTo(1 / 3 - 1 / 2, 12);
  });
});
