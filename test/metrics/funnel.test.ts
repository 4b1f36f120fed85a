import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseFunnelDefinition } from "../../src/metrics/definitions.ts";
import { computeFunnel } from "../../src/metrics/funnel.ts";
import { computeTimeToConvert } from "../../src/metrics/time-to-convert.ts";
import { insertEvents } from "../helpers/events.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
beforeEach(async () => (w = await memoryWarehouse()));
afterEach(() => w.close());

const counts = async (def: Record<string, unknown>) => (await computeFunnel(w.connection, parseFunnelDefinition(def))).steps.map((s) => s.count);

describe("ordered funnel", () => {
  test("two consecutive identical steps need two distinct events, the second strictly later", async () => {
    await insertEvents(w.connection, [
      // u1: one A only → step 1 (A) reached, step 2 (A again) not: the same row cannot fill both.
      ["u1", "A", "2026-11-02 10:00"], ["u1", "B", "2026-11-02 10:01"],
      // u2: two A rows at the same instant: the second A is not strictly later → still step 1 only.
      ["u2", "A", "2026-11-02 10:00"], ["u2", "A", "2026-11-02 10:00"], ["u2", "B", "2026-11-02 10:02"],
      // u3: A, A five minutes later, then B → all three steps.
      ["u3", "A", "2026-11-02 10:00"], ["u3", "A", "2026-11-02 10:05"], ["u3", "B", "2026-11-02 10:06"]
    ]);
    expect(await counts({ steps: ["A", "A", "B"] })).toEqual([3, 1, 1]);
  });

  test("an event exactly on the window edge converts, one second later does not; later steps may fall after `to`", async () => {
    await insertEvents(w.connection, [
      ["u1", "A", "2026-11-02 10:00:00"], ["u1", "B", "2026-11-02 11:00:00"], // exactly A + 1h → in
      ["u2", "A", "2026-11-02 10:00:00"], ["u2", "B", "2026-11-02 11:00:01"], // A + 1h + 1s → out
      ["u3", "A", "2026-11-02 23:30:00"], ["u3", "B", "2026-11-03 00:10:00"], // starts before `to`, converts 10 min after it
      ["u4", "A", "2026-11-03 00:00:00"], ["u4", "B", "2026-11-03 00:01:00"], // starts exactly at `to`: not in the funnel
      ["u5", "A", "2026-11-01 23:59:59"], ["u5", "B", "2026-11-02 00:00:30"] // starts before `from`: not in the funnel
    ]);
    // Window 1 h, step 0 in [2026-11-02, 2026-11-03) Shanghai: u1, u2, u3 start; u1 and u3 convert.
    expect(await counts({ steps: ["A", "B"], window: "1h", from: "2026-11-02", to: "2026-11-03" })).toEqual([3, 2]);
  });

  test("every step-0 event starts an attempt and the best attempt counts, with its own step times", async () => {
    await insertEvents(w.connection, [
      // u1: attempt 10:00 reaches B (C at 12:20 is past 11:00); attempt 12:00 reaches C: B 10 min, C 10 min after.
      ["u1", "A", "2026-11-02 10:00"], ["u1", "B", "2026-11-02 10:30"], ["u1", "A", "2026-11-02 12:00"], ["u1", "B", "2026-11-02 12:10"], ["u1", "C", "2026-11-02 12:20"],
      // u2: from 10:00, C at 11:30 is too late; from 10:40, B 10:50 (10 min) and C 11:30 (40 min) fit in 11:40.
      ["u2", "A", "2026-11-02 10:00"], ["u2", "A", "2026-11-02 10:40"], ["u2", "B", "2026-11-02 10:50"], ["u2", "C", "2026-11-02 11:30"]
    ]);
    const result = await computeFunnel(w.connection, parseFunnelDefinition({ steps: ["A", "B", "C"], window: "1h" }));
    expect(result.steps.map((s) => s.count)).toEqual([2, 2, 2]);
    // A→B: 600 s and 600 s; B→C: 600 s (u1) and 2400 s (u2): median = average = 1500 s.
    expect(result.steps[1]).toMatchObject({ median_seconds_from_previous: 600, avg_seconds_from_previous: 600, conversion_from_previous: 1 });
    expect(result.steps[2]).toMatchObject({ median_seconds_from_previous: 1500, avg_seconds_from_previous: 1500, conversion_from_first: 1 });
    expect(result.steps[0]).toMatchObject({ median_seconds_from_previous: null, conversion_from_first: 1 });
  });

  test("conversion rates divide by the first and the previous step; steps nobody reached are 0, never NaN", async () => {
    await insertEvents(w.connection, [
      ["u1", "A", "2026-11-02 10:00"], ["u1", "B", "2026-11-02 10:01"],
      ["u2", "A", "2026-11-02 10:00"], ["u2", "B", "2026-11-02 10:01"],
      ["u3", "A", "2026-11-02 10:00"], ["u4", "A", "2026-11-02 10:00"]
    ]);
    const { steps } = await computeFunnel(w.connection, parseFunnelDefinition({ steps: ["A", "B", "C"] }));
    // 4 → 2 → 0: B is 2/4 of A; C is 0/4 of A and 0/2 of B.
    expect(steps.map((s) => [s.count, s.conversion_from_first, s.conversion_from_previous])).toEqual([[4, 1, 1], [2, 0.5, 0.5], [0, 0, 0]]);
    expect(steps[2].median_seconds_from_previous).toBeNull();
  });

  test("step filters match columns and properties, a list meaning one of", async () => {
    await insertEvents(w.connection, [
      ["u1", "A", "2026-11-02 10:00", { platform: "ios" }], ["u1", "B", "2026-11-02 10:01", { plan: "pro" }],
      ["u2", "A", "2026-11-02 10:00", { platform: "android" }], ["u2", "B", "2026-11-02 10:01", { plan: "free" }],
      ["u3", "A", "2026-11-02 10:00", { platform: "web" }], ["u3", "B", "2026-11-02 10:01", { plan: "pro" }]
    ]);
    // Step 0 keeps ios and android (u1, u2); step 1 keeps plan = pro (u1 only).
    expect(await counts({ steps: [{ event: "A", where: { platform: ["ios", "android"] } }, { event: "B", where: { plan: "pro" } }] })).toEqual([2, 1]);
  });
});

describe("strict and unordered funnels", () => {
  test("strict: any other event between two steps breaks the attempt; a later attempt may still convert", async () => {
    await insertEvents(w.connection, [
      ["u1", "A", "2026-11-02 10:00"], ["u1", "X", "2026-11-02 10:01"], ["u1", "B", "2026-11-02 10:02"], // broken by X
      ["u2", "A", "2026-11-02 10:00"], ["u2", "B", "2026-11-02 10:02"], // consecutive
      ["u3", "A", "2026-11-02 10:00"], ["u3", "X", "2026-11-02 10:01"], ["u3", "A", "2026-11-02 10:02"], ["u3", "B", "2026-11-02 10:03"] // second A converts
    ]);
    expect(await counts({ steps: ["A", "B"], order: "strict" })).toEqual([3, 2]);
    // The same events in an ordered funnel: X does not matter, all three convert.
    expect(await counts({ steps: ["A", "B"], order: "ordered" })).toEqual([3, 3]);
  });

  test("unordered: any k+1 distinct steps inside one window, starting at any of them", async () => {
    await insertEvents(w.connection, [
      ["u1", "C", "2026-11-02 10:00"], ["u1", "A", "2026-11-02 10:10"], ["u1", "B", "2026-11-02 10:20"], // all 3 within 20 min
      ["u2", "B", "2026-11-02 10:00"], ["u2", "C", "2026-11-02 13:00"], // 3 h apart: 1 step per window
      ["u3", "A", "2026-11-02 10:00"], // 1 step
      ["u4", "B", "2026-11-02 10:00"], ["u4", "A", "2026-11-02 10:30"] // 2 steps
    ]);
    expect(await counts({ steps: ["A", "B", "C"], window: "1h", order: "unordered" })).toEqual([4, 2, 1]);
    // Ordered: u1 does A→B (C came first), u2 never does A, u3 and u4 stop at A.
    expect(await counts({ steps: ["A", "B", "C"], window: "1h", order: "ordered" })).toEqual([3, 1, 0]);
  });
});

describe("breakdown", () => {
  test("the breakdown value comes from the step-0 event of the attempt that counted; no value is (none)", async () => {
    await insertEvents(w.connection, [
      // u1: first A from 抖音 does not convert within 1 h, the 公众号 A does → 公众号.
      ["u1", "A", "2026-11-02 10:00", { channel: "抖音" }], ["u1", "A", "2026-11-02 12:00", { channel: "公众号" }], ["u1", "B", "2026-11-02 12:10"],
      ["u2", "A", "2026-11-02 10:00", { channel: "抖音" }], // 抖音, step 0 only
      ["u3", "A", "2026-11-02 10:00"], ["u3", "B", "2026-11-02 10:05", { channel: "抖音" }], // (none): B's channel is not first touch
      ["u4", "A", "2026-11-02 10:00", { channel: "抖音" }], ["u4", "B", "2026-11-02 10:05", { channel: "公众号" }] // 抖音
    ]);
    const result = await computeFunnel(w.connection, parseFunnelDefinition({ steps: ["A", "B"], window: "1h", breakdown: "channel" }));
    expect(result.steps.map((s) => s.count)).toEqual([4, 3]);
    const groups = Object.fromEntries(result.breakdown.map((g) => [g.value, g.steps.map((s) => s.count)]));
    // 抖音: u2, u4 start, u4 converts; 公众号: u1; (none): u3.
    expect(groups).toEqual({ 抖音: [2, 1], 公众号: [1, 1], "(none)": [1, 1] });
    expect(result.breakdown[0].value).toBe("抖音"); // biggest group first
  });

  test("nobody starting gives every step of the total with 0 users and no groups", async () => {
    await insertEvents(w.connection, [["u1", "X", "2026-11-02 10:00", { channel: "抖音" }]]);
    for (const order of ["ordered", "strict", "unordered"]) {
      const result = await computeFunnel(w.connection, parseFunnelDefinition({ steps: ["A", "B"], order, breakdown: "channel" }));
      expect(result.steps.map((s) => [s.name, s.count, s.conversion_from_first, s.conversion_from_previous, s.median_seconds_from_previous])).toEqual([["A", 0, null, null, null], ["B", 0, null, null, null]]);
      expect(result.breakdown).toEqual([]);
    }
  });
});

test("time to convert is a histogram of the seconds between two steps", async () => {
  await insertEvents(w.connection, [
    ["u1", "A", "2026-11-02 10:00:00"], ["u1", "B", "2026-11-02 10:01:00"], // 60 s
    ["u2", "A", "2026-11-02 10:00:00"], ["u2", "B", "2026-11-02 10:02:00"], // 120 s
    ["u3", "A", "2026-11-02 10:00:00"], ["u3", "B", "2026-11-02 10:10:00"], // 600 s
    ["u4", "A", "2026-11-02 10:00:00"] // never converts: not in the histogram
  ]);
  const { bins } = await computeTimeToConvert(w.connection, parseFunnelDefinition({ steps: ["A", "B"] }), { from: 0, to: 1, bins: 2 });
  // Slowest 600 s over 2 bins → 300 s wide: [0, 300) holds 60 and 120; the last bin holds 600.
  expect(bins).toEqual([{ start_seconds: 0, end_seconds: 300, users: 2 }, { start_seconds: 300, end_seconds: 600, users: 1 }]);
});
