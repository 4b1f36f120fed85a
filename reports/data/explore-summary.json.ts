import { exploreSummary, orderDetailQuery } from "../../src/site/explore-data.ts";
import { withWarehouse } from "../../src/warehouse/with-warehouse.ts";

// Totals, filter choices and paid orders per channel: the explorer's first view, a few hundred
// bytes, on screen before the detail rows have started to load.
const summary = await withWarehouse(({ connection }) => exploreSummary(connection, `(${orderDetailQuery.sql})`));
process.stdout.write(JSON.stringify(summary));
