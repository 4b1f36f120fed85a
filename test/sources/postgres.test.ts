import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres, tryStart, type DbServer } from "../helpers/db-servers.ts";
import { runScript, sourceSuite, warehouseRows } from "./source-suite.ts";

const started = await tryStart(startPostgres, "PostgreSQL");
afterAll(() => started.server?.stop());

sourceSuite("PostgreSQL", started, { timestamp: "timestamp(6)" });

describe.skipIf(!started.server)("loaders/postgres-orders.ts", () => {
  const server = started.server as DbServer;
  const dir = mkdtempSync(join(tmpdir(), "opsbook-pg-loader-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads public.orders with time zones and Chinese order states into the configured warehouse", async () => {
    await server.exec(`create table public.orders (
      id bigint primary key, order_no text not null, user_id text not null, created_at timestamptz not null, paid_at timestamptz,
      paid_amount numeric(12, 2) not null, status text not null, channel text, campaign_id text, updated_at timestamptz not null)`);
    await server.exec(`insert into public.orders values
      (1, 'P1', 'u1', '2026-11-20 10:00:00+00', '2026-11-20 10:05:00+00', 1234.50, '已支付', '抖音', 'double11', '2026-11-20 10:05:00+00'),
      (2, 'P2', 'u2', '2026-11-20 23:30:00+08', null, 99.00, '待付款', '社群', null, '2026-11-20 23:30:00+08')`);
    const env = { OPSBOOK_SOURCE_URL: server.url, OPSBOOK_DB: join(dir, "ops.duckdb") };
    const run = runScript("loaders/postgres-orders.ts", env);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/✓ postgres-orders → orders: 2 rows in 1 batch/);
    expect(run.output).not.toContain(server.password);
    // 10:00 UTC is 18:00 in Shanghai; 23:30+08 stays 23:30.
    expect(await warehouseRows(env.OPSBOOK_DB, "select order_id, strftime(ts, '%m-%d %H:%M') as ts, strftime(paid_at, '%H:%M') as paid, amount::double as amount, status, channel, campaign_id from orders order by order_id")).toEqual([
      { order_id: "P1", ts: "11-20 18:00", paid: "18:05", amount: 1234.5, status: "paid", channel: "抖音", campaign_id: "double11" },
      { order_id: "P2", ts: "11-20 23:30", paid: null, amount: 99, status: "pending", channel: "社群", campaign_id: null }
    ]);
    // Channels seen in the rows get their group, as after a file ingest.
    expect(await warehouseRows(env.OPSBOOK_DB, "select channel, channel_group from channels order by channel")).toEqual([
      { channel: "抖音", channel_group: "公域" },
      { channel: "社群", channel_group: "私域" }
    ]);
    const again = runScript("loaders/postgres-orders.ts", env);
    expect(again.output).toMatch(/= postgres-orders → orders: nothing new after updated_at = 2026-11-20 23:30:00\+08, id = 2/);
  });
});
