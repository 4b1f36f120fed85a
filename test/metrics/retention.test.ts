import { afterEach, beforeEach, expect, test } from "vitest";
import { parseRetentionDefinition } from "../../src/metrics/definitions.ts";
import { computeRetention, retentionRate } from "../../src/metrics/retention.ts";
import { insertEvents } from "../helpers/events.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
beforeEach(async () => (w = await memoryWarehouse()));
afterEach(() => w.close());

const retention = (def: Record<string, unknown>) => computeRetention(w.connection, parseRetentionDefinition(def));

// u1 starts on days 1 and 2 and returns on days 2 and 3; u2 starts on day 2 and returns on day 3.
const days = [
  ["u1", "A", "2026-11-01 09:00"], ["u1", "A", "2026-11-02 09:00"], ["u1", "B", "2026-11-02 10:00"], ["u1", "B", "2026-11-03 10:00"],
  ["u2", "A", "2026-11-02 09:00"], ["u2", "B", "2026-11-03 11:00"]
] as const;

test("first_time: a user's cohort is the period of their first-ever start event", async () => {
  await insertEvents(w.connection, days.map((r) => [...r]));
  const { cohorts } = await retention({ start: "A", return: "B", period: "day", periods: 2, type: "first_time" });
  // 11-01 = {u1}: back on day +1 (11-02) and +2 (11-03). 11-02 = {u2} (u1's cohort is 11-01):
  // back on 11-03; 11-04 has not begun (the latest event is on 11-03) → null.
  expect(cohorts).toEqual([
    { start: "2026-11-01", size: 1, values: [1, 1, 1] },
    { start: "2026-11-02", size: 1, values: [1, 1, null] }
  ]);
});

test("recurring: a user belongs to the cohort of every period in which they did the start event", async () => {
  await insertEvents(w.connection, days.map((r) => [...r]));
  const { cohorts } = await retention({ start: "A", return: "B", period: "day", periods: 2, type: "recurring" });
  // 11-02 = {u1, u2}: both return on 11-03.
  expect(cohorts).toEqual([
    { start: "2026-11-01", size: 1, values: [1, 1, 1] },
    { start: "2026-11-02", size: 2, values: [2, 2, null] }
  ]);
});

test("day-N retention counts returns on day N exactly, or on day N or later as an option", async () => {
  await insertEvents(w.connection, [
    ["u1", "A", "2026-11-01 09:00"], ["u1", "B", "2026-11-03 09:00"], // back on day 2 only
    ["u2", "A", "2026-11-01 09:00"], ["u2", "B", "2026-11-02 09:00"], // back on day 1 only
    ["u3", "A", "2026-11-01 09:00"], ["u3", "B", "2026-11-05 09:00"] // back on day 4
  ]);
  const on = await retention({ start: "A", return: "B", period: "day", periods: 2 });
  // On day 1: u2; on day 2: u1 → [3, 1, 1]; on or after day 1: all 3; on or after day 2: u1, u3.
  expect(on.cohorts[0].values).toEqual([3, 1, 1]);
  const after = await retention({ start: "A", return: "B", period: "day", periods: 2, mode: "on_or_after" });
  expect(after.cohorts[0].values).toEqual([3, 3, 2]);
  // 次日留存 = 1 of 3.
  expect(retentionRate(on, 1)).toBeCloseTo(1 / 3, 10);
});

test("weeks start on Monday in the definition's time zone", async () => {
  await insertEvents(w.connection, [
    ["u1", "A", "2026-11-10T10:00:00+08:00"], // Tuesday, week of Mon 11-09 in both zones
    // Monday 00:30 in Shanghai = Sunday 16:30 UTC: next week in Shanghai, same week in UTC.
    ["u1", "B", "2026-11-16T00:30:00+08:00"]
  ]);
  // asOf a week later, so week +1 has begun in both zones.
  const shanghai = await retention({ start: "A", return: "B", period: "week", periods: 1, timezone: "Asia/Shanghai", asOf: "2026-11-30" });
  expect(shanghai.cohorts).toEqual([{ start: "2026-11-09", size: 1, values: [1, 1] }]);
  const utc = await retention({ start: "A", return: "B", period: "week", periods: 1, timezone: "UTC", asOf: "2026-11-30" });
  expect(utc.cohorts).toEqual([{ start: "2026-11-09", size: 1, values: [1, 0] }]);
});

test("days are cut at local midnight: 23:30 and 00:30 Shanghai are two days", async () => {
  await insertEvents(w.connection, [["u1", "A", "2026-11-01T23:30:00+08:00"], ["u1", "B", "2026-11-02T00:30:00+08:00"]]);
  expect((await retention({ start: "A", return: "B", period: "day", periods: 1 })).cohorts).toEqual([{ start: "2026-11-01", size: 1, values: [1, 1] }]);
  // In UTC both are on 11-01 (15:30 and 16:30): day 0 only, and day 1 has not begun.
  expect((await retention({ start: "A", return: "B", period: "day", periods: 1, timezone: "UTC" })).cohorts).toEqual([{ start: "2026-11-01", size: 1, values: [1, null] }]);
});

test("from/to select cohorts; first_time users first seen before `from` belong to no cohort", async () => {
  await insertEvents(w.connection, [
    ["u1", "A", "2026-10-01 09:00"], ["u1", "A", "2026-11-02 09:00"],
    ["u2", "A", "2026-11-02 09:00"], ["u2", "B", "2026-11-03 09:00"],
    ["u3", "A", "2026-11-05 09:00"]
  ]);
  const { cohorts } = await retention({ start: "A", return: "B", period: "day", periods: 1, from: "2026-11-01", to: "2026-11-05" });
  // u1's first A is in October; u3's cohort (11-05) is at `to`, excluded. Only u2 remains.
  expect(cohorts).toEqual([{ start: "2026-11-02", size: 1, values: [1, 1] }]);
});

test("local days are exact both where a zone kept one offset and where it had daylight saving", async () => {
  const { fixedOffsetSince } = await import("../../src/metrics/calendar-index.ts");
  // Shanghai: +8 h ever since its last daylight-saving summer (1991); New York still switches.
  const shanghai = fixedOffsetSince("Asia/Shanghai")!;
  expect(shanghai.offsetMs).toBe(8 * 3600_000);
  expect(new Date(shanghai.sinceMs).getUTCFullYear()).toBe(1991);
  expect(fixedOffsetSince("America/New_York")).toBeUndefined();
  // 1988-07-01 15:30Z was 00:30 on 07-02 in Shanghai's summer time (+9 h), not 23:30 on 07-01.
  await insertEvents(w.connection, [["u1", "A", "1988-06-30T12:00:00Z"], ["u1", "B", "1988-07-01T15:30:00Z"]]);
  const { cohorts } = await retention({ start: "A", return: "B", period: "day", periods: 2, asOf: "1988-08-01" });
  // Summer time ran 1988-04-10 … 09-11: 06-30 12:00Z is 21:00 on 06-30 (day 0); 07-01 15:30Z is 00:30 on 07-02 (day 2).
  expect(cohorts).toEqual([{ start: "1988-06-30", size: 1, values: [1, 0, 1] }]);
});

test("months are calendar months in the time zone", async () => {
  // 10-31 23:30 and 11-01 00:30 Shanghai: October cohort, back in November (month +1).
  await insertEvents(w.connection, [["u1", "A", "2026-10-31T23:30:00+08:00"], ["u1", "B", "2026-11-01T00:30:00+08:00"]]);
  expect((await retention({ start: "A", return: "B", period: "month", periods: 1 })).cohorts).toEqual([{ start: "2026-10-01", size: 1, values: [1, 1] }]);
});

test("weeks on the fixed-offset fast path turn at Monday 00:00 local time, before 2000 too", async () => {
  // Sunday 23:59:59.999999 and Monday 00:00 in Shanghai, in 2026 and across New Year 1999/2000
  // (weeks are counted from Monday 2000-01-03, so the 1999 ones are negative and must still floor).
  await insertEvents(w.connection, [
    ["u1", "A", "2026-11-15T23:59:59.999999+08:00"], ["u1", "B", "2026-11-16T00:00:00+08:00"],
    ["u2", "A", "1999-12-26T23:59:59.999999+08:00"], ["u2", "B", "1999-12-27T00:00:00+08:00"], ["u2", "B", "2000-01-02T23:59:59+08:00"], ["u2", "B", "2000-01-03T00:00:00+08:00"]
  ]);
  const { cohorts } = await retention({ start: "A", return: "B", period: "week", periods: 2, asOf: "2026-12-31" });
  // u2: cohort week of Mon 1999-12-20; back in the weeks of 12-27 (+1, twice) and 2000-01-03 (+2).
  // u1: cohort week of Mon 11-09; back in the week of 11-16 (+1).
  expect(cohorts).toEqual([
    { start: "1999-12-20", size: 1, values: [1, 1, 1] },
    { start: "2026-11-09", size: 1, values: [1, 1, 0] }
  ]);
  // The same instants by day: Sunday and Monday are two days.
  const days = await retention({ start: "A", return: "B", period: "day", periods: 1, asOf: "2026-12-31" });
  expect(days.cohorts.map((c) => [c.start, c.values])).toEqual([["1999-12-26", [1, 1]], ["2026-11-15", [1, 1]]]);
});
