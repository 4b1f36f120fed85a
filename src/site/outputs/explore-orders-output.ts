import { orderDetailQuery, orderDetailTable, writeIpcChunks, type OrderDetailColumns } from "../explore-data.ts";
import type { LoaderOutput } from "../loader-output.ts";

/**
 * data/explore-orders.arrow: the explorer's order detail, newest first, as a run of small Arrow IPC
 * streams that the page inserts into DuckDB-WASM one by one while it shows the first rows. Columns
 * come from DuckDB as columns (no row objects: millions of orders at scale).
 */
export const exploreOrdersOutput: LoaderOutput = async ({ connection }) => {
  const reader = await connection.runAndReadAll(orderDetailQuery.sql);
  const names = reader.columnNames();
  const columns = Object.fromEntries(reader.getColumnsJS().map((values, i) => [names[i], values]));
  const text = (name: keyof OrderDetailColumns) => ((columns[name] ?? []) as unknown[]).map((v) => String(v));
  const table = orderDetailTable({
    order_id: text("order_id"), user_id: text("user_id"), placed_at: text("placed_at"), date: text("date"),
    amount: ((columns.amount ?? []) as unknown[]).map(Number), status: text("status"), channel: text("channel"), campaign_id: text("campaign_id")
  });
  const chunks: Uint8Array[] = [];
  writeIpcChunks(table, (bytes) => chunks.push(bytes));
  return Buffer.concat(chunks);
};
