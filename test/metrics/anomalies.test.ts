import { describe, expect, it } from "vitest";
import { computeAnomalies } from "../../src/metrics/anomalies.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

/**
 * One paid order a day, 2026-06-01 (a Monday) … 06-28 alternating 90, 110, 90, …; then 200 on
 * 06-29 and 105 on 06-30. The 28 days before 06-29 have mean 100, deviations ±10:
 * sample sd = √(28·100 / 27) = 10.18350, so 200 sits at z = 100 / 10.18350 = 9.8198.
 * 06-30 is compared with 06-02 … 06-29 (13×90 + 14×110 + 200, mean 103.93, sd ≈ 20.6): z ≈ 0.05.
 */
async function fixture() {
  const w = await memoryWarehouse();
  const values: string[] = [];
  for (let d = 1; d <= 28; d++) values.push(`('o${d}', 'u${d}', '2026-06-${String(d).padStart(2, "0")} 12:00:00+08', ${d % 2 ? 90 : 110}, 'paid')`);
  values.push(`('o29', 'u29', '2026-06-29 12:00:00+08', 200, 'paid')`, `('o30', 'u30', '2026-06-30 12:00:00+08', 105, 'paid')`);
  await w.connection.run(`insert into orders (order_id, user_id, ts, amount, status) values ${values.join(", ")}`);
  return w;
}

describe("computeAnomalies", () => {
  it("flags days beyond k standard deviations of the trailing 28 days", async () => {
    const w = await fixture();
    const { anomalies } = await computeAnomalies(w.connection, { start: "2026-06-29", end: "2026-07-01", keys: ["gmv", "orders"] });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ date: "2026-06-29", metric: "gmv", value: 200, mean: 100, direction: "up" });
    expect(anomalies[0].sd).toBeCloseTo(Math.sqrt(2800 / 27), 9);
    expect(anomalies[0].z).toBeCloseTo(9.8198, 4);
    // Orders are 1 every day: no spread, so nothing can be called unusual.
    const loose = await computeAnomalies(w.connection, { start: "2026-06-30", end: "2026-07-01", keys: ["gmv"], k: 0.01 });
    expect(loose.anomalies.map((a) => a.date)).toEqual(["2026-06-30"]);
  });

  it("reports week-over-week moves of full weeks beyond the threshold", async () => {
    const w = await fixture();
    // W25 (06-15 … 06-21): 90+110+90+110+90+110+90 = 690; W26: 710 → +2.90 %. W27 is cut at 07-01: skipped.
    const quiet = await computeAnomalies(w.connection, { start: "2026-06-29", end: "2026-07-01", keys: ["gmv"] });
    expect(quiet.weekOverWeek).toEqual([]);
    const { weekOverWeek } = await computeAnomalies(w.connection, { start: "2026-06-29", end: "2026-07-01", keys: ["gmv"], wowThreshold: 0.02 });
    expect(weekOverWeek).toEqual([{ week: "2026-W26", metric: "gmv", unit: "money", value: 710, previous: 690, change: 20 / 690, direction: "up" }]);
  });
});
