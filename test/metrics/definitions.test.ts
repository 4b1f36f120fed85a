import { expect, test } from "vitest";
import { DefinitionError, definitionFields, parseFunnelDefinition, parseLifecycleDefinition, parseRetentionDefinition, resolveInstant } from "../../src/metrics/definitions.ts";

const error = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DefinitionError);
    return (e as Error).message;
  }
  throw new Error("expected a DefinitionError");
};

test("funnel definitions get defaults and accept YAML text", () => {
  const def = parseFunnelDefinition("steps: [浏览商品, {event: 提交订单, where: {platform: ios}, name: 下单}]\nfrom: 2026-11-01");
  expect(def).toMatchObject({ order: "ordered", window: "14d", windowSeconds: 14 * 86400, timezone: "Asia/Shanghai", from: "2026-10-31T16:00:00.000Z" });
  expect(def.steps[1]).toEqual({ event: "提交订单", where: { platform: ["ios"] }, name: "下单" });
});

test("invalid definitions name the offending field", () => {
  expect(error(() => parseFunnelDefinition({ steps: ["A", { event: "" }] }))).toBe('steps[1].event: expected a non-empty string, got string ""');
  expect(error(() => parseFunnelDefinition({ steps: ["A"] }))).toMatch(/^steps: a funnel needs at least 2 steps/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", "B"], window: "two weeks" }))).toMatch(/^window: expected a positive duration/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", "B"], order: "loose" }))).toMatch(/^order: expected one of "ordered", "strict", "unordered"/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", "B"], timezone: "Mars/Base" }))).toMatch(/^timezone: unknown time zone/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", "B"], from: "2026-11-05", to: "2026-11-01" }))).toMatch(/^to: must be after from/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", { event: "B", where: { platform: [{}] } }] }))).toMatch(/^steps\[1\]\.where\.platform\[0\]: expected a string, number or boolean/);
  expect(error(() => parseFunnelDefinition({ steps: ["A", "B"], windw: "1d" }))).toMatch(/^windw: unknown field/);
  expect(error(() => parseRetentionDefinition({ start: "A", return: "B", period: "quarter" }))).toMatch(/^period: expected one of "day", "week", "month"/);
  expect(error(() => parseRetentionDefinition({ start: "A" }))).toMatch(/^return: required/);
  expect(error(() => parseRetentionDefinition({ start: "A", return: "B", periods: 0 }))).toMatch(/^periods: expected a whole number/);
  expect(error(() => parseLifecycleDefinition({ event: "A", from: "2026-13-01" }))).toMatch(/^from: not a real date/);
});

test("naive times are wall-clock time in the definition's zone; offsets and Z are kept", () => {
  expect(resolveInstant("2026-11-01", "from", "Asia/Shanghai")).toBe("2026-10-31T16:00:00.000Z");
  expect(resolveInstant("2026-11-01 08:30", "from", "UTC")).toBe("2026-11-01T08:30:00.000Z");
  expect(resolveInstant("2026-11-01T08:00:00+08:00", "from", "UTC")).toBe("2026-11-01T00:00:00.000Z");
  // New York is UTC−4 in July and UTC−5 in November.
  expect(resolveInstant("2026-07-01", "from", "America/New_York")).toBe("2026-07-01T04:00:00.000Z");
  expect(resolveInstant("2026-11-20", "from", "America/New_York")).toBe("2026-11-20T05:00:00.000Z");
});

test("a definition's fields are its filters' properties and the funnel's breakdown", () => {
  expect(definitionFields(parseFunnelDefinition({ steps: [{ event: "A", where: { platform: "ios", coupon: ["x", "y"] } }, "B"], breakdown: "channel" }))).toEqual(["platform", "coupon", "channel"]);
  expect(definitionFields(parseRetentionDefinition({ start: "A", return: { event: "B", where: { platform: "ios" } } }))).toEqual(["platform"]);
  expect(definitionFields(parseLifecycleDefinition({ event: "A" }))).toEqual([]);
});
