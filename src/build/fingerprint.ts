import type { DuckDBConnection } from "@duckdb/node-api";
import { isoWeek } from "../calendar.ts";
import { quoteIdent } from "../ingest/parse-sql.ts";

/** Tables whose rows belong to a calendar day: a closed week's figures depend only on its own rows. */
export const timeColumns: Record<string, string> = { events: "ts", orders: "ts", spend: "date", content: "date" };

async function columnsOf(connection: DuckDBConnection, table: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `select column_name from information_schema.columns where table_schema = 'main' and table_name = $table order by ordinal_position`,
    { table }
  );
  return reader.getRowObjectsJS().map((r) => String(r.column_name));
}

/** Every base table of the warehouse (other helpers may add tables; they are covered too). */
export async function warehouseTables(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(`select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name`);
  return reader.getRowObjectsJS().map((r) => String(r.table_name));
}

/** An order-independent digest of rows: row count plus the sum of per-row hashes. */
function digestSql(table: string, columns: string[], groupBy?: string): string {
  const hashed = `hash(${columns.map(quoteIdent).join(", ")})`;
  return groupBy
    ? `select ${groupBy} as grp, count(*)::varchar || ':' || coalesce(sum(${hashed})::varchar, '0') as digest from ${quoteIdent(table)} group by grp`
    : `select count(*)::varchar || ':' || coalesce(sum(${hashed})::varchar, '0') as digest from ${quoteIdent(table)}`;
}

/**
 * Content fingerprint of every table: two warehouses with equal fingerprints hold the same rows,
 * whatever order or path they were loaded by. Ingest bookkeeping (ingest_log, rejects) records
 * load times, not content, and is left out.
 */
export async function tableFingerprints(connection: DuckDBConnection): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await warehouseTables(connection)) {
    if (table === "ingest_log" || table === "rejects") continue;
    const columns = (await columnsOf(connection, table)).filter((c) => c !== "source_file");
    if (!columns.length) continue;
    const reader = await connection.runAndReadAll(digestSql(table, columns));
    out[table] = String(reader.getRowObjectsJS()[0].digest);
  }
  return out;
}

/**
 * Fingerprints of the day-keyed tables per ISO week ("2026-W46" → {events: "…", orders: "…"}), so
 * late data is traced to the weeks it changes. Weeks are cut in the session time zone.
 */
export async function weekFingerprints(connection: DuckDBConnection): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  const present = new Set(await warehouseTables(connection));
  for (const [table, column] of Object.entries(timeColumns)) {
    if (!present.has(table)) continue;
    const columns = (await columnsOf(connection, table)).filter((c) => c !== "source_file");
    const reader = await connection.runAndReadAll(digestSql(table, columns, `strftime(date_trunc('week', ${quoteIdent(column)})::date, '%Y-%m-%d')`));
    for (const row of reader.getRowObjectsJS()) {
      const week = isoWeek(String(row.grp));
      (out[week] ??= {})[table] = String(row.digest);
    }
  }
  return out;
}
