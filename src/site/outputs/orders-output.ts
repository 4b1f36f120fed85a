import { tableToIPC } from "apache-arrow";
import { tableFromColumns } from "../arrow-table.ts";
import type { LoaderOutput } from "../loader-output.ts";

// Order detail for in-browser SQL: one row per order, amounts in yuan, local times as text. Every
// column is cast to text or double, so DuckDB's own column values go straight into Arrow vectors.
const ordersSql = `select order_id, user_id, strftime(ts, '%Y-%m-%d %H:%M:%S') as placed_at, cast(ts as date)::varchar as date,
    amount::double as amount, status, coalesce(channel, '(none)') as channel, coalesce(campaign_id, '') as campaign_id
  from orders order by ts`;

/** data/orders.arrow, as an IPC stream: DuckDB-WASM inserts Arrow from a stream, not from the file format. */
export const ordersOutput: LoaderOutput = async ({ connection }) => {
  const reader = await connection.runAndReadAll(ordersSql);
  const names = reader.columnNames();
  // No rows, no columns: what the page has always been given for an empty warehouse.
  const columns = reader.currentRowCount === 0 ? {} : Object.fromEntries(reader.getColumnsJS().map((values, i) => [names[i], values.map(finite)]));
  return tableToIPC(tableFromColumns(columns), "stream");
};

/** Non-finite doubles become null, as in every JSON loader (queryRows). */
const finite = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === "number" ? (Number.isFinite(v) ? v : null) : String(v));
