import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, expect, test } from "vitest";
import { loadEventsFile } from "../../src/ingest/load-events-file.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

let w: Awaited<ReturnType<typeof memoryWarehouse>>;
beforeEach(async () => (w = await memoryWarehouse()));
afterEach(() => w.close());

const dir = mkdtempSync(join(tmpdir(), "opsbook-events-file-"));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const stored = () => w.rows("select user_id, event, ts, platform, channel, properties::varchar as properties from events order by user_id, ts");

// Naive (Shanghai), 'Z' and '+08:00' times, an empty optional column and an extra column.
const rows = [
  { user_id: "u1", event: "注册", ts: "2026-11-01 09:00:00", platform: "ios", channel: "抖音", coupon: "A1" },
  { user_id: "u1", event: "浏览页面", ts: "2026-11-01T01:30:00Z", platform: "ios", channel: "", coupon: "" },
  { user_id: "u2", event: "浏览页面", ts: "2026-11-02T23:59:59+08:00", platform: "web", channel: "公众号", coupon: "B2" }
];
const csv = (r: typeof rows) => ["user_id,event,ts,platform,channel,coupon", ...r.map((x) => Object.values(x).join(","))].join("\n") + "\n";

test("a clean CSV (the typed fast path) stores exactly what the careful path stores from the same rows", async () => {
  expect(await loadEventsFile(w.connection, file("clean.csv", csv(rows)))).toBe(3);
  const fast = await stored();
  // Instants by hand: 09:00 Shanghai = 01:00Z; 01:30Z; 23:59:59+08 = 15:59:59Z.
  expect(fast.map((r) => r.ts)).toEqual(["2026-11-01T01:00:00.000Z", "2026-11-01T01:30:00.000Z", "2026-11-02T15:59:59.000Z"]);
  expect(fast[1].channel).toBeNull();
  w.close();
  w = await memoryWarehouse();
  // A gzipped CSV never takes the fast path: the careful path is the independent reference.
  await loadEventsFile(w.connection, file("same.csv.gz", gzipSync(csv(rows))));
  expect(await stored()).toEqual(fast);
});

test("values with spaces around them take the careful path and are trimmed, as before", async () => {
  await loadEventsFile(w.connection, file("padded.csv", csv([{ ...rows[0], user_id: " u1" }, { ...rows[2], platform: "web " }])));
  expect((await stored()).map((r) => [r.user_id, r.platform])).toEqual([["u1", "ios"], ["u2", "web"]]);
});

test("an empty user_id in a CSV is still an error naming the file, line and field", async () => {
  const bad = file("empty-user.csv", 'user_id,event,ts\nu1,注册,2026-11-01 09:00:00\n"",注册,2026-11-01 10:00:00\n');
  await expect(loadEventsFile(w.connection, bad)).rejects.toThrow(/empty-user\.csv:3: field "user_id": is empty/);
  expect(await w.rows("select count(*) as n from events")).toEqual([{ n: 0 }]);
});

test("with fields, a clean CSV loads only the columns and properties a definition reads", async () => {
  await loadEventsFile(w.connection, file("fields.csv", csv(rows)), ["platform"]);
  expect((await stored()).map((r) => [r.user_id, r.platform, r.channel, r.properties])).toEqual([["u1", "ios", null, null], ["u1", "ios", null, null], ["u2", "web", null, null]]);
  w.close();
  w = await memoryWarehouse();
  await loadEventsFile(w.connection, file("fields-property.csv", csv(rows)), ["coupon"]);
  expect((await stored()).map((r) => [r.platform, r.properties])).toEqual([[null, '{"coupon":"A1"}'], [null, '{"coupon":null}'], [null, '{"coupon":"B2"}']]);
});
