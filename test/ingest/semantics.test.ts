import { mkdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ingestDirectory } from "../../src/ingest/ingest-directory.ts";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest-file.ts";
import { builtinPresets } from "../../src/ingest/presets/index.ts";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";
import { opsbook } from "../helpers/cli.ts";
import { scratch } from "../helpers/ingest-files.ts";
import { memoryWarehouse } from "../helpers/warehouse.ts";

const files = scratch();
const events = (rows: string[]) => ["distinct_id,event,time", ...rows].join("\n") + "\n";
/** Today in Shanghai, the warehouse's zone, as YYYY-MM-DD. */
const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
/** A day of the ISO week before the current one (0 = its Monday): always a closed week. */
function closedWeekDay(offsetDays: number): string {
  const d = new Date(today + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 + offsetDays);
  return d.toISOString().slice(0, 10);
}

describe("late-arriving data", () => {
  it("accepts rows for closed weeks and counts those behind data already loaded", async () => {
    const w = await memoryWarehouse();
    const [mon, wed, sat] = [closedWeekDay(0), closedWeekDay(2), closedWeekDay(5)];
    // The first export reaches Wednesday of last week.
    const first = await ingestFile(w.connection, files.file("神策_w1.csv", events([`u1,浏览页面,${mon} 10:00:00`, `u2,浏览页面,${wed} 10:00:00`])), builtinPresets);
    expect(first.lateRows).toBe(0); // nothing was there before it
    // A re-export adds a Monday row the first missed (late), a Saturday row (newer: not late) and a
    // row from today (the open week: not late). 1 late row.
    const now = `${today} 00:00:01`;
    const second = await ingestFile(w.connection, files.file("神策_w1_补.csv", events([`u3,浏览页面,${mon} 11:00:00`, `u4,浏览页面,${sat} 10:00:00`, `u5,浏览页面,${now}`])), builtinPresets);
    expect(second).toMatchObject({ status: "loaded", rowsLoaded: 3, lateRows: 1 });
    expect(await w.rows("select file, late_rows from ingest_log order by file")).toEqual([
      { file: "神策_w1.csv", late_rows: 0 },
      { file: "神策_w1_补.csv", late_rows: 1 }
    ]);
    expect(await w.rows("select count(*) as n from events")).toEqual([{ n: 5 }]);
  });
});

describe("re-running ingest over a directory", () => {
  it("skips files by name, size and time without reading them, and reloads a file that changed", async () => {
    const w = await memoryWarehouse();
    const dir = join(files.dir, "exports");
    mkdirSync(dir);
    const path = join(dir, "订单_周报.csv");
    writeFileSync(path, "订单号,用户ID,下单时间,实付金额,订单状态\nS1,u1,2026-11-18 10:00:00,10.00,待支付\n");
    const first = await ingestDirectory(w.connection, { exportsDir: dir, presets: builtinPresets });
    expect(first.map((r) => r.status)).toEqual(["loaded"]);
    // Same size, same time, different bytes: taken as unchanged, proving the file was not read.
    const { mtime } = statSync(path);
    writeFileSync(path, "订单号,用户ID,下单时间,实付金额,订单状态\nS1,u1,2026-11-18 10:00:00,10.00,已支付\n");
    utimesSync(path, mtime, mtime);
    expect((await ingestDirectory(w.connection, { exportsDir: dir, presets: builtinPresets })).map((r) => r.status)).toEqual(["unchanged"]);
    // A new modification time: hashed, found different, loaded; the order is now paid.
    utimesSync(path, new Date(mtime.getTime() + 60_000), new Date(mtime.getTime() + 60_000));
    expect((await ingestDirectory(w.connection, { exportsDir: dir, presets: builtinPresets })).map((r) => r.status)).toEqual(["loaded"]);
    expect(await w.rows("select order_id, status from orders")).toEqual([{ order_id: "S1", status: "paid" }]);
  });
});

describe("opsbook check", () => {
  it("passes on a consistent warehouse and fails, naming each problem, on a broken one", async () => {
    const project = scratch("opsbook-check-");
    const db = join(project.dir, "ops.duckdb");
    const w = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai" });
    await ensureSchema(w.connection);
    await w.connection.run(`insert into users (user_id, channel) values ('u1', '抖音');
      insert into orders (order_id, user_id, ts, paid_at, amount, status, channel) values ('O1', 'u1', '2026-11-18 10:00:00', '2026-11-18 10:01:00', 10, 'paid', '抖音');
      insert into spend (date, channel, impressions, clicks, cost) values ('2026-11-18', '抖音', 1000, 20, 50)`);
    w.close();
    const clean = opsbook(["check", "--db", db]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/all \d+ checks passed/);

    const w2 = await openWarehouse({ dbPath: db, timezone: "Asia/Shanghai" });
    // Rows a careless manual load could leave: the checks must catch each.
    await w2.connection.run(`insert into orders (order_id, user_id, ts, paid_at, amount, status) values
        ('O2', 'u1', '2026-11-18 10:00:00', null, 10, 'paid'),
        ('O3', 'u1', '2026-11-18 10:00:00', null, -3, 'shipped'),
        ('O4', 'u1', now() + interval 3 day, null, 1, 'pending');
      insert into spend (date, channel, impressions, clicks, cost) values ('2026-11-18', '神秘渠道', 10, 20, 5);
      insert into targets (metric, period, value) values ('gmv', '2026-W47', 1), ('gmv', '2026-W47', 2)`);
    w2.close();
    const broken = opsbook(["check", "--db", db, "--json"]);
    expect(broken.code).toBe(1);
    const failed = Object.fromEntries((JSON.parse(broken.stdout).checks as { name: string; failures: number }[]).filter((c) => c.failures > 0).map((c) => [c.name, c.failures]));
    expect(failed).toEqual({
      "order-status": 1, // O3 'shipped'
      "paid-without-paid-at": 1, // O2
      "negative-amounts": 1, // O3
      "future-events": 1, // O4
      "spend-unknown-channel": 1, // 神秘渠道
      "clicks-over-impressions": 1, // 20 clicks on 10 impressions
      "duplicate-targets": 1 // gmv 2026-W47 twice
    });
  });
});
