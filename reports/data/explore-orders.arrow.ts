import { orderDetailQuery, orderDetailTable, writeIpcChunks, type OrderDetailColumns } from "../../src/site/explore-data.ts";
import { loadRows } from "../../src/warehouse/with-warehouse.ts";

// The explorer's order detail, newest first, as a run of small Arrow IPC streams that the page
// inserts into DuckDB-WASM one by one while it shows the first rows and the progress.
const rows = await loadRows(orderDetailQuery);
const column = (name: keyof OrderDetailColumns) => rows.map((r) => String(r[name]));
const table = orderDetailTable({
  order_id: column("order_id"), user_id: column("user_id"), placed_at: column("placed_at"), date: column("date"),
  amount: rows.map((r) => Number(r.amount)), status: column("status"), channel: column("channel"), campaign_id: column("campaign_id")
});
writeIpcChunks(table, (bytes) => process.stdout.write(bytes));
