import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadConfig } from "../../config.ts";
import { ingestFile } from "../../ingest/ingest-file.ts";
import type { Preset } from "../../ingest/preset.ts";
import { orderStatus } from "../../ingest/presets/order-status.ts";
import { openWarehouse } from "../../warehouse/open-warehouse.ts";
import { queryRows } from "../../warehouse/query-rows.ts";
import { ensureSchema } from "../../warehouse/schema.ts";
import { withWarehouse } from "../../warehouse/with-warehouse.ts";
import { UsageError } from "../command.ts";

/** Flags every warehouse-backed metric takes. */
export const sourceOptions = { db: { type: "string" }, orders: { type: "string" }, "as-of": { type: "string" }, json: { type: "boolean" } } as const;
export const sourceUsage = "[--db FILE | --orders FILE.csv] [--as-of YYYY-MM-DD] [--json]";

/** A bare order list: what an analyst pastes from any shop back end. Status defaults to paid. */
const orderCsv: Preset = {
  name: "orders-csv",
  label: "订单 CSV (order_id,user_id,ts,amount[,status])",
  table: "orders",
  columns: {
    order_id: { from: ["order_id"], parse: "text", required: true },
    user_id: { from: ["user_id"], parse: "text", required: true },
    ts: { from: ["ts"], parse: "timestamp", required: true },
    amount: { from: ["amount"], parse: "money", required: true },
    status: { from: ["status"], parse: "text", required: true, values: orderStatus }
  }
};

/** Without a status column every order counts as paid. */
function orderCsvPreset(file: string): Preset {
  const header = readFileSync(file, "utf8").slice(0, 4096).split(/\r?\n/)[0].replace(/^\uFEFF/, "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  if (header.includes("status")) return orderCsv;
  const { status: _status, ...columns } = orderCsv.columns;
  return { ...orderCsv, columns, constants: { status: "paid" } };
}

export function asOfOption(values: Record<string, unknown>): string | undefined {
  const raw = values["as-of"];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) throw new UsageError(`--as-of must be a date like 2026-11-19, got ${JSON.stringify(raw)}`);
  return raw;
}

/**
 * Runs `fn` on the warehouse (--db, or the configured one), or on a throw-away in-memory warehouse
 * holding only the orders of --orders. Orders after --as-of are dropped here, so every metric sees
 * the world as it was that day. A malformed CSV line stops the command, naming file, line and field.
 */
export async function withMetricSource<T>(values: Record<string, unknown>, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const asOf = asOfOption(values);
  if (typeof values.orders === "string") {
    if (values.db !== undefined) throw new UsageError("give either --db or --orders, not both");
    const file = resolve(values.orders);
    if (!existsSync(file)) throw new UsageError(`--orders: no such file ${file}`);
    const warehouse = await openWarehouse({ dbPath: ":memory:", timezone: loadConfig().timezone });
    try {
      const { connection } = warehouse;
      await ensureSchema(connection);
      await ingestFile(connection, file, [orderCsvPreset(file)], { displayName: values.orders });
      const rejects = await queryRows(connection, { sql: `select line, reason from rejects order by line limit 5` });
      if (rejects.length) throw new Error(rejects.map((r) => `${values.orders}:${r.line}: ${r.reason}`).join("\n"));
      if (asOf) await connection.run(`delete from orders where ts >= ($asOf::date + 1)::timestamptz`, { asOf });
      return await fn(connection);
    } finally {
      warehouse.close();
    }
  }
  return withWarehouse(({ connection }) => fn(connection), { dbPath: typeof values.db === "string" ? values.db : undefined });
}
