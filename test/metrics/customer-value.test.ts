import { describe, expect, it } from "vitest";
import { computeCohortLtv } from "../../src/metrics/cohort-ltv.ts";
import { computeCustomerSummary } from "../../src/metrics/customer-summary.ts";
import { computeRfm } from "../../src/metrics/rfm.ts";
import { parseRfmRules } from "../../src/metrics/rfm-rules.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/** Paid orders (Shanghai dates) as of 2026-06-30; D's refund and F's July order never count. */
async function rfmFixture() {
  const w = await memoryWarehouse();
  await w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values
    ('a1', 'A', '2026-06-29 10:00:00+08', 100, 'paid'), ('a2', 'A', '2026-06-01 10:00:00+08', 50, 'paid'),
    ('b1', 'B', '2026-06-20 10:00:00+08', 300, 'paid'),
    ('c1', 'C', '2026-06-25 10:00:00+08', 20, 'paid'), ('c2', 'C', '2026-06-26 10:00:00+08', 20, 'paid'), ('c3', 'C', '2026-06-28 10:00:00+08', 20, 'paid'),
    ('d1', 'D', '2026-05-01 10:00:00+08', 500, 'paid'), ('d2', 'D', '2026-05-02 10:00:00+08', 900, 'refunded'),
    ('e1', 'E', '2026-06-10 10:00:00+08', 80, 'paid'), ('g1', 'G', '2026-06-10 23:30:00+08', 80, 'paid'),
    ('f1', 'F', '2026-07-01 10:00:00+08', 999, 'paid')`);
  return w;
}

describe("computeRfm", () => {
  /**
   * By hand, following rfm_table_order (breaks = R quantile type 7 at .2/.4/.6/.8, plus 1; a value
   * scores i when lower[i] ≤ x < upper[i], lower = [min, breaks], upper = [breaks, max + 1]).
   * n = 6, so the quantile at p is the (5p)-th order statistic (0-based), no interpolation.
   * Recency (days): A 1, C 2, B 10, E 20, G 20, D 60 → quantiles 2, 10, 20, 20 → breaks 3, 11, 21, 21:
   *   [1,3) A C → 5; [3,11) B → 4; [11,21) E G → 3; [21,21) empty, so nobody gets 2; [21,61) D → 1.
   * Frequency: 1 1 1 1 2 3 → quantiles 1, 1, 1, 2 → breaks 2, 2, 2, 3: one order → 1, A (2) → 4, C (3) → 5.
   * Monetary: C 60, E 80, G 80, A 150, B 300, D 500 → quantiles 80, 80, 150, 300 → breaks 81, 81, 151, 301:
   *   C, E, G → 1 (80 < 81), A → 3, B → 4, D → 5.
   */
  it("scores like R's rfm_table_order, ties included", async () => {
    const w = await rfmFixture();
    const { customers } = await computeRfm(w.connection, { asOf: "2026-06-30" });
    const byId = Object.fromEntries(customers.map((c) => [c.user_id, c]));
    expect(Object.keys(byId).sort()).toEqual(["A", "B", "C", "D", "E", "G"]);
    expect(byId.A).toMatchObject({ recency_days: 1, frequency: 2, monetary: 150, r_score: 5, f_score: 4, m_score: 3, rfm_score: 543 });
    expect(byId.B).toMatchObject({ recency_days: 10, frequency: 1, monetary: 300, rfm_score: 414 });
    expect(byId.C).toMatchObject({ recency_days: 2, frequency: 3, monetary: 60, rfm_score: 551 });
    expect(byId.D).toMatchObject({ recency_days: 60, frequency: 1, monetary: 500, rfm_score: 115 });
    // E and G tie on every measure, so they share every score.
    expect(byId.E.rfm_score).toBe(311);
    expect(byId.G.rfm_score).toBe(311);
  });

  it("sorts customers into the default tiers with their shares of customers and revenue", async () => {
    const w = await rfmFixture();
    const { tiers, grid } = await computeRfm(w.connection, { asOf: "2026-06-30" });
    // 高价值 needs R, F, M ≥ 4: nobody. 流失 = R 1: D (500). 潜力 = R ≥ 3 and M ≥ 2: A (150), B (300).
    // 低活跃: C, E, G (60 + 80 + 80 = 220). Revenue 1170 in all.
    expect(tiers).toEqual([
      { tier: "高价值", customers: 0, customer_share: 0, revenue: 0, revenue_share: 0 },
      { tier: "流失", customers: 1, customer_share: 1 / 6, revenue: 500, revenue_share: 500 / 1170 },
      { tier: "潜力", customers: 2, customer_share: 2 / 6, revenue: 450, revenue_share: 450 / 1170 },
      { tier: "低活跃", customers: 3, customer_share: 3 / 6, revenue: 220, revenue_share: 220 / 1170 }
    ]);
    const cell = (r: number, f: number) => grid.find((g) => g.r_score === r && g.f_score === f)!.customers;
    expect([cell(5, 4), cell(5, 5), cell(4, 1), cell(3, 1), cell(1, 1), cell(2, 1)]).toEqual([1, 1, 1, 2, 1, 0]);
    expect(grid.reduce((s, g) => s + g.customers, 0)).toBe(6);
  });

  it("takes tier rules from config, and names the bad field when they are wrong", async () => {
    const w = await rfmFixture();
    const rules = parseRfmRules({ tiers: [{ tier: "VIP", m: [4, 5] }, { tier: "其他" }] });
    const { tiers } = await computeRfm(w.connection, { asOf: "2026-06-30", rules });
    // M ≥ 4: B (300) and D (500).
    expect(tiers.map((t) => [t.tier, t.customers, t.revenue])).toEqual([["VIP", 2, 800], ["其他", 4, 370]]);
    expect(() => parseRfmRules({ tiers: [{ tier: "VIP", r: [4, 6] }] })).toThrow("rfm.tiers[0].r: expected [min, max] with 1 ≤ min ≤ max ≤ 5");
    expect(() => parseRfmRules({ tiers: [{ tier: "" }] })).toThrow("rfm.tiers[0].tier: expected a non-empty string");
    expect(() => parseRfmRules({ lookbackDays: -3 })).toThrow("rfm.lookbackDays");
  });

  it("counts only the lookback window when one is configured", async () => {
    const w = await rfmFixture();
    // 30 days up to 06-30 start on 06-01: D's May order drops out, A keeps both orders.
    const { customers } = await computeRfm(w.connection, { asOf: "2026-06-30", rules: parseRfmRules({ lookbackDays: 30 }) });
    expect(customers.map((c) => c.user_id).sort()).toEqual(["A", "B", "C", "E", "G"]);
    expect(customers.find((c) => c.user_id === "A")!.frequency).toBe(2);
  });
});

describe("computeCustomerSummary", () => {
  /** H buys twice on 06-15 (30 + 40, one period of 70) and once on 06-20 (10). */
  async function fixture() {
    const w = await rfmFixture();
    await w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values
      ('h1', 'H', '2026-06-15 09:00:00+08', 30, 'paid'), ('h2', 'H', '2026-06-15 21:00:00+08', 40, 'paid'), ('h3', 'H', '2026-06-20 09:00:00+08', 10, 'paid')`);
    return w;
  }

  it("matches lifetimes' summary_data_from_transaction_data in days", async () => {
    const w = await fixture();
    const { customers } = await computeCustomerSummary(w.connection, { asOf: "2026-06-30" });
    const byId = Object.fromEntries(customers.map((c) => [c.user_id, c]));
    // A: 06-01, 06-29 → one repeat, recency 28, T 29 (to 06-30), monetary = the repeat's 100.
    expect(byId.A).toEqual({ user_id: "A", frequency: 1, recency: 28, T: 29, monetary_value: 100 });
    // C: 06-25, 06-26, 06-28 → repeats 2, recency 3, T 5, mean repeat 20.
    expect(byId.C).toEqual({ user_id: "C", frequency: 2, recency: 3, T: 5, monetary_value: 20 });
    // B: a single order → frequency 0, recency 0, monetary 0, T 10.
    expect(byId.B).toEqual({ user_id: "B", frequency: 0, recency: 0, T: 10, monetary_value: 0 });
    // H: the two 06-15 orders merge; the repeat is 06-20's 10 → recency 5, T 15.
    expect(byId.H).toEqual({ user_id: "H", frequency: 1, recency: 5, T: 15, monetary_value: 10 });
    expect(byId.F).toBeUndefined();
  });

  it("cuts Monday-first weeks like pandas' W periods", async () => {
    const w = await fixture();
    const { customers } = await computeCustomerSummary(w.connection, { asOf: "2026-06-30", unit: "week" });
    const byId = Object.fromEntries(customers.map((c) => [c.user_id, c]));
    // As-of Tue 06-30 is in the week of Mon 06-29. A: weeks of 06-01 and 06-29 → 1 repeat, recency 4, T 4.
    expect(byId.A).toEqual({ user_id: "A", frequency: 1, recency: 4, T: 4, monetary_value: 100 });
    // C: Thu 06-25, Fri 06-26, Sun 06-28 are all the week of 06-22 → no repeat; T 1.
    expect(byId.C).toEqual({ user_id: "C", frequency: 0, recency: 0, T: 1, monetary_value: 0 });
    // H: Mon 06-15 and Sat 06-20 are one week → no repeat; T 2.
    expect(byId.H).toEqual({ user_id: "H", frequency: 0, recency: 0, T: 2, monetary_value: 0 });
  });
});

describe("computeCohortLtv", () => {
  it("accumulates revenue per acquired customer by months since the first order", async () => {
    const w = await rfmFixture();
    const { cohorts } = await computeCohortLtv(w.connection, { asOf: "2026-06-30" });
    // May cohort: D alone, 500 in May, nothing in June → [500, 500].
    // June cohort: A, B, C, E, G = 5 customers, 150 + 300 + 60 + 80 + 80 = 670 → 134; July is not yet → width 2 only.
    expect(cohorts).toEqual([
      { cohort: "2026-05", customers: 1, values: [500, 500] },
      { cohort: "2026-06", customers: 5, values: [134, null] }
    ]);
  });
});
