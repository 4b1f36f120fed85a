import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { opsbook } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "opsbook-behaviour-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// 2026-11-02 10:00 Shanghai = 02:00 UTC; the epoch values are that instant in seconds and, +1 h, in ms.
const startSeconds = Date.UTC(2026, 10, 2, 2) / 1000;
const events = file(
  "events.csv",
  `user_id,event,ts,channel,plan
u1,浏览商品,2026-11-02 10:00:00,抖音,pro
u1,提交订单,2026-11-02T02:30:00Z,抖音,pro
u2,浏览商品,${startSeconds},公众号,free
u2,提交订单,${(startSeconds + 3600) * 1000},公众号,free
u3,浏览商品,2026-11-02T10:00:00+08:00,,free
`
);
const spec = (name: string, extra = "") => file(name, `steps: [浏览商品, 提交订单]\nwindow: 1h\nfrom: 2026-11-02\nto: 2026-11-03\nbreakdown: channel\n${extra}`);

test("funnel --events reads naive, offset and epoch times and prints the issue's JSON shape", () => {
  const { code, stdout, stderr } = opsbook(["metric", "funnel", "--spec", spec("funnel.yaml"), "--events", events, "--json"]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const result = JSON.parse(stdout);
  // u1 converts after 1800 s, u2 after exactly the 1 h window (3600 s), u3 never: 3 → 2, median = mean = 2700 s.
  expect(result.steps).toEqual([
    { name: "浏览商品", count: 3, conversion_from_first: 1, conversion_from_previous: 1, median_seconds_from_previous: null, avg_seconds_from_previous: null },
    { name: "提交订单", count: 2, conversion_from_first: 2 / 3, conversion_from_previous: 2 / 3, median_seconds_from_previous: 2700, avg_seconds_from_previous: 2700 }
  ]);
  expect(result.breakdown.map((g: { value: string; steps: { count: number }[] }) => [g.value, g.steps.map((s) => s.count)])).toEqual([
    ["(none)", [1, 0]],
    ["公众号", [1, 1]],
    ["抖音", [1, 1]]
  ]);
});

test("naive times in an events file follow the definition's time zone", () => {
  // Read as UTC, u1's 10:00 view comes after its 02:30Z order: only u2 converts.
  const { code, stdout } = opsbook(["metric", "funnel", "--spec", spec("funnel-utc.yaml", "timezone: UTC\n"), "--events", events, "--json"]);
  expect(code).toBe(0);
  expect(JSON.parse(stdout).steps.map((s: { count: number }) => s.count)).toEqual([3, 1]);
});

test("without --json the funnel is a readable table with Chinese headers", () => {
  const { code, stdout } = opsbook(["metric", "funnel", "--spec", spec("funnel-table.yaml"), "--events", events]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/步骤\s+用户数\s+总转化率/);
  expect(stdout).toMatch(/2\. 提交订单\s+2\s+66\.7%/);
});

test("retention and lifecycle print their JSON shapes from a JSONL file", () => {
  const jsonl = file(
    "events.jsonl",
    ['{"user_id":"u1","event":"注册","ts":"2026-11-02 09:00"}', '{"user_id":"u1","event":"浏览页面","ts":"2026-11-03 09:00"}', '{"user_id":"u2","event":"注册","ts":"2026-11-03 09:00"}'].join("\n") + "\n"
  );
  const retention = opsbook(["metric", "retention", "--spec", file("retention.yaml", "start: 注册\nreturn: 浏览页面\nperiod: day\nperiods: 1\n"), "--events", jsonl, "--json"]);
  expect(retention.code).toBe(0);
  // 11-02 = {u1}, back on 11-03; 11-03 = {u2}, 11-04 has not begun.
  expect(JSON.parse(retention.stdout)).toEqual({ cohorts: [{ start: "2026-11-02", size: 1, values: [1, 1] }, { start: "2026-11-03", size: 1, values: [1, null] }] });
  const lifecycle = opsbook(["metric", "lifecycle", "--spec", file("lifecycle.yaml", "event: 注册\nperiod: day\n"), "--events", jsonl, "--json"]);
  expect(lifecycle.code).toBe(0);
  // 11-02: u1 new; 11-03: u2 new, u1 (registered 11-02 only) dormant.
  expect(JSON.parse(lifecycle.stdout)).toEqual({ periods: [{ start: "2026-11-02", new: 1, returning: 0, resurrecting: 0, dormant: 0 }, { start: "2026-11-03", new: 1, returning: 0, resurrecting: 0, dormant: -1 }] });
});

test("an invalid definition is an error naming the file and the field", () => {
  const bad = file("bad.yaml", 'steps: [浏览商品, {event: ""}]\n');
  const { code, stderr } = opsbook(["metric", "funnel", "--spec", bad, "--events", events]);
  expect(code).toBe(1);
  expect(stderr).toContain(`${bad}: steps[1].event: expected a non-empty string`);
});

test("a bad time in an events file names the file, line and field", () => {
  const bad = file("bad.csv", "user_id,event,ts\nu1,浏览商品,2026-11-02 10:00\nu2,浏览商品,yesterday\n");
  const { code, stderr } = opsbook(["metric", "funnel", "--spec", spec("funnel-bad.yaml"), "--events", bad]);
  expect(code).toBe(1);
  expect(stderr).toContain(`${bad}:3: field "ts": cannot read "yesterday" as a time`);
});

test("every behavioural metric has --help", () => {
  for (const name of ["funnel", "retention", "lifecycle", "paths"]) {
    const { code, stdout } = opsbook(["metric", name, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`opsbook metric ${name} `);
  }
});
