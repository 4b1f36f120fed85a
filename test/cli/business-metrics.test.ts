import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { opsbook } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-business-"));
const csv = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("opsbook metric (business)", () => {
  it("runs an A/B test from two counts, without a warehouse", () => {
    const { code, stdout } = opsbook(["metric", "abtest", "--a", "200/2000", "--b", "250/2000", "--json"], { OPSBOOK_DB: join(dir, "none.duckdb") });
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(["a", "b", "diff", "ci", "relative_lift", "z", "p_value", "srm_p_value", "verdict"]);
    expect(r.p_value).toBeCloseTo(0.01235, 4);
  });

  it("summarises customers from an order CSV, ignoring orders after --as-of and refunds", () => {
    const file = csv("orders.csv", "order_id,user_id,ts,amount,status\n1,A,2026-06-01 10:00,50,paid\n2,A,2026-06-29 10:00,100,已支付\n3,A,2026-06-20 10:00,70,refunded\n4,B,2026-06-20,300,paid\n5,B,2026-07-02,300,paid\n");
    const { code, stdout, stderr } = opsbook(["metric", "customers", "--orders", file, "--as-of", "2026-06-30", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // A: 06-01, 06-29 → 1 repeat worth 100, recency 28, T 29. B: 06-20 only (07-02 is after as-of) → T 10.
    expect(JSON.parse(stdout)).toEqual({
      customers: [
        { user_id: "A", frequency: 1, recency: 28, T: 29, monetary_value: 100 },
        { user_id: "B", frequency: 0, recency: 0, T: 10, monetary_value: 0 }
      ]
    });
  });

  it("reports KPIs of a partial week from an order CSV, like-for-like", () => {
    const file = csv("week.csv", "order_id,user_id,ts,amount,status\n1,A,2026-06-29 10:00,100,paid\n2,B,2026-06-30 10:00,40,refunded\n3,B,2026-07-01 10:00,70,paid\n4,A,2026-06-22 10:00,80,paid\n5,A,2026-06-25 10:00,999,paid\n");
    const { code, stdout } = opsbook(["metric", "kpi", "--orders", file, "--as-of", "2026-06-30", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    // As of Tue 06-30 the week 2026-W27 (from Mon 06-29) has 2 days: GMV 100 (the refund and 07-01 are out),
    // against Mon–Tue of W26 (80; Thursday's 999 is not like-for-like) → +25 %.
    expect(r).toMatchObject({ period: "2026-W27", partial: true, daysCovered: 2 });
    expect(r.kpis.find((k: { key: string }) => k.key === "gmv")).toMatchObject({ value: 100, previous: 80, change: 0.25 });
  });

  it("scores RFM from a CSV without a status column (every order paid)", () => {
    const file = csv("plain.csv", "order_id,user_id,ts,amount\n1,A,2026-06-01,50\n2,B,2026-06-10,80\n");
    const { code, stdout } = opsbook(["metric", "rfm", "--orders", file, "--as-of", "2026-06-30", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.customers.map((c: { user_id: string; recency_days: number; monetary: number }) => [c.user_id, c.recency_days, c.monetary]).sort()).toEqual([["A", 29, 50], ["B", 20, 80]]);
    expect(Object.keys(r.customers[0])).toEqual(["user_id", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_score", "tier"]);
  });

  it("names the file, line and field of a bad order", () => {
    const file = csv("bad.csv", "order_id,user_id,ts,amount\n1,A,2026-06-01,50\n2,B,2026-06-10,abc\n");
    const { code, stderr } = opsbook(["metric", "rfm", "--orders", file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:3: amount: cannot parse abc`);
  });

  it("explains its flags", () => {
    for (const name of ["kpi", "rfm", "customers", "channels", "content", "campaign", "abtest", "anomalies"]) {
      const { code, stdout } = opsbook(["metric", name, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`opsbook metric ${name}`);
    }
    const period = opsbook(["metric", "channels", "--period", "2026-W54", "--orders", csv("one.csv", "order_id,user_id,ts,amount\n1,A,2026-06-01,50\n")]);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('--period: period "2026-W54" is not a week (expected e.g. 2026-W47)');
    const bad = opsbook(["metric", "abtest", "--a", "12", "--b", "3/4"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--a must be CONVERSIONS/USERS");
  });
});
