import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMariaDb, tryStart, type DbServer } from "../helpers/db-servers.ts";
import { runScript, sourceSuite, warehouseRows } from "./source-suite.ts";

const started = await tryStart(startMariaDb, "MariaDB");
afterAll(() => started.server?.stop());

sourceSuite("MariaDB", started, { timestamp: "datetime(6)" });

describe.skipIf(!started.server)("loaders/mysql-events.ts", () => {
  const server = started.server as DbServer;
  const dir = mkdtempSync(join(tmpdir(), "opsbook-maria-loader-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads events by auto-increment id, keeping unmapped columns as properties", async () => {
    await server.exec(`create table events (
      id bigint auto_increment primary key, user_id varchar(32) not null, event_name varchar(32) not null, event_time datetime(3) not null,
      session_id varchar(32), platform varchar(16), utm_source varchar(32), page_url varchar(255), product varchar(64))`);
    await server.exec(`insert into events (user_id, event_name, event_time, session_id, platform, utm_source, page_url, product) values
      ('u1', '浏览商品', '2026-11-20 10:00:00.250', 's1', 'ios', '小红书', '/p/1', '保温杯'),
      ('u1', '加入购物车', '2026-11-20 10:01:00', 's1', 'ios', '小红书', '/p/1', '保温杯'),
      ('u2', '浏览商品', '2026-11-20 11:00:00', 's2', 'android', null, '/p/2', null)`);
    const env = { OPSBOOK_SOURCE_URL: server.url, OPSBOOK_DB: join(dir, "ops.duckdb") };
    const first = runScript("loaders/mysql-events.ts", env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/✓ mysql-events → events: 3 rows in 1 batch; now at id = 3/);
    expect(first.output).not.toContain(server.password);
    await server.exec(`insert into events (user_id, event_name, event_time, platform, product) values ('u2', '支付成功', '2026-11-20 11:05:00', 'android', '台灯')`);
    const second = runScript("loaders/mysql-events.ts", env);
    expect(second.output).toMatch(/✓ mysql-events → events: 1 rows in 1 batch; now at id = 4/);
    expect(await warehouseRows(env.OPSBOOK_DB, "select user_id, event, strftime(ts, '%H:%M:%S.%g') as ts, channel, page, properties->>'product' as product, properties->>'id' as id from events order by ts")).toEqual([
      { user_id: "u1", event: "浏览商品", ts: "10:00:00.250", channel: "小红书", page: "/p/1", product: "保温杯", id: "1" },
      { user_id: "u1", event: "加入购物车", ts: "10:01:00.000", channel: "小红书", page: "/p/1", product: "保温杯", id: "2" },
      { user_id: "u2", event: "浏览商品", ts: "11:00:00.000", channel: null, page: "/p/2", product: null, id: "3" },
      { user_id: "u2", event: "支付成功", ts: "11:05:00.000", channel: null, page: null, product: "台灯", id: "4" }
    ]);
  });
});
