import { tableFromRows } from "../../src/site/arrow-table.ts";
import { orderDetailQuery, writeIpcChunks } from "../../src/site/explore-data.ts";
import { loadRows } from "../../src/warehouse/with-warehouse.ts";

// The explorer's order detail, newest first, as a run of small Arrow IPC streams that the page
// inserts into DuckDB-WASM one by one while it shows the first rows and the progress.
const rows = await loadRows(orderDetailQuery);
writeIpcChunks(tableFromRows(rows), (bytes) => process.stdout.write(bytes));
