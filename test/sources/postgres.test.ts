import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres, tryStart, type DbServer } from "../helpers/db-servers.ts";
import { opsbook, projectRoot } from "../helpers/cli.ts";
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

describe.skipIf(!started.server)("a load killed with SIGKILL", () => {
  const server = started.server as DbServer;
  const dir = mkdtempSync(join(tmpdir(), "opsbook-pg-kill-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the warehouse at a committed batch with its watermark, and the next run finishes the rest", async () => {
    // 2000 orders whose id, order number and updated_at rise together, loaded one row per batch so
    // the kill lands between or inside the many small transactions.
    await server.exec(`create table slow_orders as select i as id, 'K' || i as order_id, 'u' || i as user_id,
      timestamp '2026-11-01' + i * interval '1 minute' as ts, 10.00::numeric(12, 2) as amount, 'paid' as status,
      timestamp '2026-11-01' + i * interval '1 minute' as updated_at from generate_series(1, 2000) i`);
    writeFileSync(join(dir, "opsbook.config.json"), JSON.stringify({ sources: [{ name: "slow", table: "slow_orders", watermark: "updated_at", key: "id", target: "orders" }] }));
    const env = { ...process.env, CI: "true", OPSBOOK_ROOT: dir, OPSBOOK_DB: join(dir, "ops.duckdb"), OPSBOOK_SOURCE_URL: server.url };
    const child = spawn(process.execPath, ["bin/opsbook.mjs", "load-db", "--batch-size", "1"], { cwd: projectRoot, env, stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Kill once the loader has been reading for a while: it is connected as application "opsbook".
    const deadline = Date.now() + 60_000;
    while ((await server.rows("select 1 from pg_stat_activity where application_name = 'opsbook'")).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 3000));
    child.kill("SIGKILL");
    await exited;

    const [state] = await warehouseRows(env.OPSBOOK_DB, "select position->>1 as id from source_state where source = 'slow'");
    const [loaded] = await warehouseRows(env.OPSBOOK_DB, "select count(*) as n, coalesce(max(replace(order_id, 'K', '')::int), 0) as last from orders");
    // Killed mid-way: some batches committed, not all; orders K1…Kn are there exactly when the watermark says n.
    console.log(`killed after ${loaded.n} of 2000 batches`);
    expect(loaded.n).toBeGreaterThan(0);
    expect(loaded.n).toBeLessThan(2000);
    expect(Number(state.id)).toBe(loaded.n);
    expect(loaded.last).toBe(loaded.n);

    const rest = opsbook(["load-db"], { OPSBOOK_ROOT: dir, OPSBOOK_DB: env.OPSBOOK_DB, OPSBOOK_SOURCE_URL: server.url });
    expect(rest.stdout).toMatch(new RegExp(`✓ slow → orders: ${(2000 - Number(loaded.n)).toLocaleString()} rows`));
    expect(await warehouseRows(env.OPSBOOK_DB, "select count(*) as n, count(distinct order_id) as orders, sum(amount)::double as total from orders")).toEqual([{ n: 2000, orders: 2000, total: 20000 }]);
  });
});
