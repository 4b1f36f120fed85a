import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseFunnelDefinition } from "../../src/metrics/definitions.ts";
import { computeFunnel, computeFunnelPeriods } from "../../src/metrics/funnel.ts";
import { insertEvents } from "../helpers/events.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
beforeEach(async () => (w = await memoryWarehouse()));
afterEach(() => w.close());

// Shanghai weeks W45 [11-02, 11-09), W46 [11-09, 11-16), W47 (nobody) and a span overlapping both.
const ranges = [["2026-11-02", "2026-11-09"], ["2026-11-09", "2026-11-16"], ["2026-11-16", "2026-11-23"], ["2026-11-05", "2026-11-12"]];
const definition = (from: string, to: string, breakdown?: string) => parseFunnelDefinition({ steps: ["A", "B", "C"], window: "1d", from, to, ...(breakdown ? { breakdown } : {}) });
const periodsOf = (defs: ReturnType<typeof definition>[]) => defs.map((d) => ({ from: d.from!, to: d.to! }));

describe("a funnel over several periods", () => {
  beforeEach(() =>
    insertEvents(w.connection, [
      // u1 starts on W45's last evening and finishes after midnight, in W46: a W45 conversion.
      ["u1", "A", "2026-11-08 23:00", { channel: "抖音" }], ["u1", "B", "2026-11-09 00:30"], ["u1", "C", "2026-11-09 01:00"],
      // u2 starts in both weeks; B and C follow the W46 start. W45's attempt (23:30) still reaches C
      // within its day: the later W46 start must not hide it from W45.
      ["u2", "A", "2026-11-08 23:30", { channel: "公众号" }], ["u2", "A", "2026-11-09 00:10", { channel: "抖音" }], ["u2", "B", "2026-11-09 00:20"], ["u2", "C", "2026-11-09 00:40"],
      // u3: B a week after A, past the 1-day window.
      ["u3", "A", "2026-11-03 10:00"], ["u3", "B", "2026-11-10 09:00"],
      // u4 starts in W46 and stops at B; u5 never does A.
      ["u4", "A", "2026-11-10 10:00", { channel: "抖音" }], ["u4", "B", "2026-11-10 11:00"],
      ["u5", "B", "2026-11-04 10:00"], ["u5", "C", "2026-11-04 11:00"]
    ])
  );

  test("counts each period as its own definition would, by hand", async () => {
    const defs = ranges.map(([from, to]) => definition(from, to));
    const batched = await computeFunnelPeriods(w.connection, defs[0], periodsOf(defs));
    // W45: u1, u2, u3 start; u1 and u2 reach C. W46: u2 (00:10) and u4 start; u2 reaches C, u4 B.
    // W47: nobody. 11-05 … 11-12: u1, u2, u4 start (u3's A is before it); u1, u2 reach C.
    expect(batched.map((r) => r.steps.map((s) => s.count))).toEqual([[3, 2, 2], [2, 2, 1], [0, 0, 0], [3, 3, 2]]);
    // u1: B 90 min after A, C 30 min after B; u2 in W45: 50 min, 20 min → medians 70 and 25 min.
    expect(batched[0].steps.map((s) => s.median_seconds_from_previous)).toEqual([null, 70 * 60, 25 * 60]);
    for (const [i, def] of defs.entries()) expect(batched[i]).toEqual(await computeFunnel(w.connection, def));
  });

  test("breaks each period down by the first touch of the attempt that counted in it", async () => {
    const defs = ranges.map(([from, to]) => definition(from, to, "channel"));
    const batched = await computeFunnelPeriods(w.connection, defs[0], periodsOf(defs));
    const groups = (r: (typeof batched)[number]) => Object.fromEntries(r.breakdown.map((g) => [g.value, g.steps.map((s) => s.count)]));
    // W45: u1 抖音, u2 公众号 (its W45 start), u3 (none). W46: u2 and u4 both from 抖音.
    expect(groups(batched[0])).toEqual({ 抖音: [1, 1, 1], 公众号: [1, 1, 1], "(none)": [1, 0, 0] });
    expect(groups(batched[1])).toEqual({ 抖音: [2, 2, 1] });
    expect(batched[2].breakdown).toEqual([]);
    for (const [i, def] of defs.entries()) expect(batched[i]).toEqual(await computeFunnel(w.connection, def));
  });

  test("is for ordered funnels only", async () => {
    const def = parseFunnelDefinition({ steps: ["A", "B"], order: "strict" });
    await expect(computeFunnelPeriods(w.connection, def, [{ from: "2026-11-01T16:00:00.000Z", to: "2026-11-08T16:00:00.000Z" }])).rejects.toThrow(/must be ordered/);
  });
});
