import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSource } from "../../src/sources/load-source.ts";
import type { SourceDefinition } from "../../src/sources/source-definition.ts";
import { readSourceState } from "../../src/sources/source-state.ts";
import { openWarehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";
import { queryRows } from "../../src/warehouse/query-rows.ts";
import { opsbook, projectRoot } from "../helpers/cli.ts";
import type { DbServer, Started } from "../helpers/db-servers.ts";

/** Runs a script of loaders/ as a user would, against a temporary warehouse. */
export function runScript(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: projectRoot, env: { ...process.env, CI: "true", ...env }, encoding: "utf8", timeout: 120_000 });
  return { code: result.status ?? 1, output: result.stdout + result.stderr };
}

/** Rows of a warehouse file, opened read-only after a child process wrote it. */
export async function warehouseRows(dbPath: string, sql: string) {
  const warehouse = await openWarehouse({ dbPath, timezone: "Asia/Shanghai", readOnly: true });
  try {
    return await queryRows(warehouse.connection, { sql });
  } finally {
    warehouse.close();
  }
}

/**
 * One story, told against each real server: a shop's orders table is loaded, re-loaded, changed,
 * loaded again, and a batch fails half-way. Column types are the dialect's own.
 */
export function sourceSuite(label: string, started: Started, types: { timestamp: string }) {
  describe.skipIf(!started.server)(`${label} source`, () => {
    const server = started.server as DbServer;
    let instance: DuckDBInstance;
    let connection: DuckDBConnection;
    const source: SourceDefinition = {
      name: "shop-orders",
      url_env: "SHOP_DB_URL",
      table: "shop_orders",
      watermark: "updated_at",
      key: "id",
      target: "orders",
      columns: { order_id: "order_no", user_id: "buyer", ts: "created_at", amount: "paid_amount", status: { from: "state", values: { PAID: "paid", REFUNDED: "refunded", CANCELLED: "cancelled" } } }
    };
    const env = () => ({ SHOP_DB_URL: server.url });
    const load = (options: { batchSize?: number; reset?: boolean } = {}) => loadSource(connection, source, { timezone: "Asia/Shanghai", env: env(), batchSize: 2, ...options });
    const rows = (sql: string) => queryRows(connection, { sql });

    beforeAll(async () => {
      await server.exec(`create table shop_orders (
        id integer primary key, order_no varchar(32) not null, buyer varchar(32), created_at ${types.timestamp} not null,
        paid_amount decimal(12, 2) not null, state varchar(16) not null, updated_at ${types.timestamp})`);
      // Rows 2, 3 and 4 share one updated_at: with batches of 2 the first batch ends inside that instant.
      await server.exec(`insert into shop_orders values
        (1, 'A1', 'u1', '2026-11-16 09:00:00', 100.00, 'PAID', '2026-11-16 09:00:00'),
        (2, 'A2', 'u2', '2026-11-16 10:00:00', 50.50, 'PAID', '2026-11-16 10:00:00'),
        (3, 'A3', 'u3', '2026-11-16 10:00:00', -5.00, 'PAID', '2026-11-16 10:00:00'),
        (4, 'A4', 'u4', '2026-11-16 10:00:00', 20.00, 'CANCELLED', '2026-11-16 10:00:00'),
        (9, 'A9', 'u9', '2026-11-16 10:00:00', 1.00, 'PAID', null)`);
      instance = await DuckDBInstance.create(":memory:");
      connection = await instance.connect();
      await connection.run("SET TimeZone = 'Asia/Shanghai'");
      await ensureSchema(connection);
    });
    afterAll(async () => {
      connection?.closeSync();
      instance?.closeSync();
    });

    it("loads every row on the first run, in batches that split rows sharing a watermark", async () => {
      const result = await load();
      // Rows 1–4 in (updated_at, id) order: batch 1 = ids 1, 2; batch 2 = ids 3, 4; then an empty read.
      // Row 3 is rejected (negative amount), so 3 rows load. Row 9 has no updated_at and is never read.
      expect(result).toMatchObject({ status: "loaded", batches: 2, rowsLoaded: 3, rowsRejected: 1, order: ["updated_at", "id"] });
      expect(result.position?.[0]).toMatch(/^2026-11-16 10:00:00/);
      expect(result.position?.[1]).toBe("4");
      expect(await rows("select order_id, user_id, strftime(ts, '%Y-%m-%d %H:%M') as ts, amount::double as amount, status, source_file from orders order by order_id")).toEqual([
        { order_id: "A1", user_id: "u1", ts: "2026-11-16 09:00", amount: 100, status: "paid", source_file: "db:shop-orders" },
        { order_id: "A2", user_id: "u2", ts: "2026-11-16 10:00", amount: 50.5, status: "paid", source_file: "db:shop-orders" },
        { order_id: "A4", user_id: "u4", ts: "2026-11-16 10:00", amount: 20, status: "cancelled", source_file: "db:shop-orders" }
      ]);
      // A naive source timestamp is Shanghai time: 09:00 local is 01:00 UTC.
      expect(await rows("select strftime(timezone('UTC', ts), '%H:%M') as t from orders where order_id = 'A1'")).toEqual([{ t: "01:00" }]);
    });

    it("sends the bad row to rejects with its source, key and reason", async () => {
      const rejects = await rows("select file, line, reason, raw::json->>'order_no' as order_no from rejects");
      expect(rejects).toHaveLength(1);
      expect(rejects[0]).toMatchObject({ file: "db:shop-orders", line: null, order_no: "A3" });
      expect(rejects[0].reason).toMatch(/^id=3: .*amount: negative amount -5/);
    });

    it("loads nothing when run again with no new rows", async () => {
      const result = await load();
      expect(result).toMatchObject({ status: "unchanged", batches: 0, rowsLoaded: 0, rowsRejected: 0 });
      expect(await rows("select (select count(*) from orders) as orders, (select count(*) from rejects) as rejects")).toEqual([{ orders: 3, rejects: 1 }]);
    });

    it("loads inserted and updated rows incrementally; the latest version of an order wins", async () => {
      await server.exec(`update shop_orders set state = 'REFUNDED', updated_at = '2026-11-17 08:00:00' where id = 2`);
      await server.exec(`insert into shop_orders values (5, 'A5', 'u5', '2026-11-17 07:00:00', 88.00, 'PAID', '2026-11-17 07:00:00')`);
      const result = await load();
      // After (10:00, 4): id 5 at 07:00 on the 17th, then id 2 at 08:00 — one full batch, then an empty read.
      expect(result).toMatchObject({ status: "loaded", batches: 1, rowsLoaded: 2, rowsRejected: 0 });
      expect(result.position?.[0]).toMatch(/^2026-11-17 08:00:00/);
      expect(await rows("select order_id, status from orders order by order_id")).toEqual([
        { order_id: "A1", status: "paid" },
        { order_id: "A2", status: "refunded" },
        { order_id: "A4", status: "cancelled" },
        { order_id: "A5", status: "paid" }
      ]);
      // Paid GMV: A1 100.00 + A5 88.00 = 188.00 (A2 was refunded, A4 cancelled).
      expect(await rows("select sum(amount)::double as gmv from orders where status = 'paid'")).toEqual([{ gmv: 188 }]);
    });

    it("leaves the warehouse and the watermark unchanged when a batch fails, and loads it on the next run", async () => {
      await server.exec(`update shop_orders set state = 'PAID', paid_amount = 60.00, updated_at = '2026-11-18 09:00:00' where id = 2`);
      await server.exec(`insert into shop_orders values (6, 'A6', 'u6', '2026-11-18 08:00:00', 30.00, 'PAID', '2026-11-18 08:00:00')`);
      const before = await readSourceState(connection, source.name);
      // Another writer is replacing order A2 and has not committed: deleting A2's old version inside
      // the batch's transaction conflicts, half-way through the batch (A6 is already parsed).
      const other = await instance.connect();
      await other.run("SET TimeZone = 'Asia/Shanghai'");
      await other.run("begin transaction");
      await other.run("delete from orders where order_id = 'A2'");
      const failed = await load();
      expect(failed.status).toBe("failed");
      expect(failed.message).toMatch(/source shop-orders: batch 1 \(2 rows after updated_at = 2026-11-17 08:00:00.*, id = 2\) not loaded; it and the watermark are unchanged/);
      expect(await readSourceState(connection, source.name)).toEqual(before);
      expect(await rows("select order_id, status, amount::double as amount from orders order by order_id")).toEqual([
        { order_id: "A1", status: "paid", amount: 100 },
        { order_id: "A2", status: "refunded", amount: 50.5 },
        { order_id: "A4", status: "cancelled", amount: 20 },
        { order_id: "A5", status: "paid", amount: 88 }
      ]);
      expect(await rows("select count(*) as n from ingest_log")).toEqual([{ n: 3 }]);
      await other.run("rollback");
      other.closeSync();

      const retried = await load();
      expect(retried).toMatchObject({ status: "loaded", batches: 1, rowsLoaded: 2 });
      expect(await rows("select order_id, status, amount::double as amount from orders where order_id in ('A2', 'A6') order by order_id")).toEqual([
        { order_id: "A2", status: "paid", amount: 60 },
        { order_id: "A6", status: "paid", amount: 30 }
      ]);
      // Totals kept with the watermark: 3 + 2 + 2 rows loaded over the runs, 1 rejected.
      expect(await readSourceState(connection, source.name)).toMatchObject({ rowsLoaded: 7, rowsRejected: 1 });
    });

    it("reads a query source and rejects an unknown order state with its key", async () => {
      await server.exec(`insert into shop_orders values (7, 'A7', 'u7', '2026-11-19 08:00:00', 10.00, 'LOST', '2026-11-19 08:00:00')`);
      const query: SourceDefinition = { ...source, name: "paid-orders", table: undefined, query: "select id, order_no, buyer, created_at, paid_amount, state, updated_at from shop_orders where id >= 6 and order_no <> 'who?'" };
      const result = await loadSource(connection, query, { timezone: "Asia/Shanghai", env: env() });
      // ids 6 and 7; A6 is already there (same version), A7's state is unknown.
      expect(result).toMatchObject({ status: "loaded", batches: 1, rowsLoaded: 1, rowsRejected: 1 });
      const [reject] = await rows("select reason from rejects where file = 'db:paid-orders'");
      expect(reject.reason).toBe("id=7: state: cannot parse LOST");
    });

    it("rejects an amount too large for the warehouse instead of failing every run at that batch", async () => {
      const huge: SourceDefinition = { ...source, name: "huge", table: undefined, query: "select 100 as id, order_no, buyer, created_at, 1e20 as paid_amount, state, updated_at from shop_orders where id = 1" };
      const result = await loadSource(connection, huge, { timezone: "Asia/Shanghai", env: env() });
      expect(result).toMatchObject({ status: "loaded", rowsLoaded: 0, rowsRejected: 1 });
      const [reject] = await rows("select reason from rejects where file = 'db:huge'");
      // PostgreSQL prints the literal as a numeric (100000000000000000000), MariaDB as a double (1e20).
      expect(reject.reason).toMatch(/^id=100: paid_amount: cannot parse (1e\+?20|100000000000000000000)$/);
    });

    it("refuses a changed watermark until --reset, then reads everything again without duplicating orders", async () => {
      const changed = await loadSource(connection, { ...source, watermark: "created_at" }, { timezone: "Asia/Shanghai", env: env() });
      expect(changed.status).toBe("failed");
      expect(changed.message).toMatch(/source shop-orders: its table or query, watermark or key changed since the last load .*run `opsbook load-db shop-orders --reset`/);
      const reset = await load({ reset: true });
      // All 7 rows with an updated_at, in batches of 2: [1, 3], [4, 5], [6, 2], [7]; ids 3 and 7 are rejected again.
      expect(reset).toMatchObject({ status: "loaded", batches: 4, rowsLoaded: 5, rowsRejected: 2 });
      expect(await rows("select count(*) as n, count(distinct order_id) as orders from orders")).toEqual([{ n: 5, orders: 5 }]);
      expect(await rows("select status, amount::double as amount from orders where order_id = 'A2'")).toEqual([{ status: "paid", amount: 60 }]);
    });

    describe("from the command line", () => {
      let dir: string;
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), "opsbook-load-db-"));
        writeFileSync(join(dir, "opsbook.config.json"), JSON.stringify({ sources: [source] }));
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      const cli = (args: string[], url = server.url) => {
        const run = opsbook(["load-db", ...args], { OPSBOOK_ROOT: dir, OPSBOOK_DB: join(dir, "ops.duckdb"), SHOP_DB_URL: url });
        return { ...run, output: run.stdout + run.stderr };
      };

      it("loads a configured source, then finds nothing new, never printing the password", async () => {
        const first = cli([]);
        expect(first.code, first.output).toBe(1); // A3 is rejected and --max-rejects defaults to 0
        // Rows 1, 2, 4, 5, 6 load and 3, 7 are rejected; batches of 10 000 take them in one.
        expect(first.stdout).toMatch(/✓ shop-orders → orders: 5 rows in 1 batch, 2 rejected \(see table rejects\); now at updated_at = 2026-11-19 08:00:00.*, id = 7/);
        const again = cli(["--max-rejects", "2"]);
        expect(again.code, again.output).toBe(0);
        expect(again.stdout).toMatch(/= shop-orders → orders: nothing new after updated_at = 2026-11-19/);
        const listed = cli(["--list"]);
        expect(listed.stdout).toContain(`${server.url.split("://")[0]}://opsbook:***@127.0.0.1:`);
        expect(listed.stdout).toMatch(/5 rows, 2 rejected/);
        for (const run of [first, again, listed]) expect(run.output).not.toContain(server.password);
      });

      it("fails clearly, without the password, on a wrong password and a missing variable", () => {
        const wrong = server.url.replace(server.password, "Wr0ng-Secret-Value");
        const denied = cli([], wrong);
        expect(denied.code).toBe(1);
        expect(denied.output).toMatch(/✗ source shop-orders: cannot connect to \w+:\/\/opsbook:\*\*\*@127\.0\.0\.1:\d+\/shop/);
        expect(denied.output).not.toContain("Wr0ng-Secret-Value");
        const unset = opsbook(["load-db"], { OPSBOOK_ROOT: dir, OPSBOOK_DB: join(dir, "ops.duckdb") });
        expect(unset.code).toBe(1);
        expect(unset.stdout).toMatch(/environment variable SHOP_DB_URL is not set/);
      });
    });
  });
}
