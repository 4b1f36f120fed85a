import { tableToIPC } from "apache-arrow";
import { tableFromRows } from "../../src/site/arrow-table.ts";
import { loadRows } from "../../src/warehouse/with-warehouse.ts";

// IPC stream format: DuckDB-WASM inserts Arrow from a stream, not from the file format.
// Order detail for in-browser SQL: one row per order, amounts in yuan, local times as text.
const rows = await loadRows({
  sql: `select order_id, user_id, strftime(ts, '%Y-%m-%d %H:%M:%S') as placed_at, cast(ts as date)::varchar as date,
      amount::double as amount, status, coalesce(channel, '(none)') as channel, coalesce(campaign_id, '') as campaign_id
    from orders order by ts`
});
process.stdout.write(tableToIPC(tableFromRows(rows), "stream"));
