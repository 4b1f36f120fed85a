import { openWarehouse, type Warehouse } from "../../src/warehouse/open-warehouse.ts";
import { ensureSchema } from "../../src/warehouse/schema.ts";
import { queryRows, type MetricQuery, type Row } from "../../src/warehouse/query-rows.ts";

/** A fresh in-memory warehouse with the canonical schema, in Shanghai time. */
export async function memoryWarehouse(timezone = "Asia/Shanghai"): Promise<Warehouse & { rows(q: MetricQuery | string): Promise<Row[]> }> {
  const warehouse = await openWarehouse({ dbPath: ":memory:", timezone });
  await ensureSchema(warehouse.connection);
  return { ...warehouse, rows: (q) => queryRows(warehouse.connection, typeof q === "string" ? { sql: q } : q) };
}
