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

async function columnType(connection: DuckDBConnection, table: string, column: string): Promise<string> {
  const reader = await connection.runAndReadAll(`select data_type from information_schema.columns where table_schema = 'main' and table_name = $table and column_name = $column`, { table, column });
  return String(reader.getRowObjectsJS()[0]?.data_type ?? "");
}

/** Every base table of the warehouse (other helpers may add tables; they are covered too). */
export async function warehouseTables(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(`select table_name from information_schema.tables where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name`);
  return reader.getRowObjectsJS().map((r) => String(r.table_name));
}

const hashOf = (columns: string[]) => `hash(${columns.map(quoteIdent).join(", ")})`;

export interface WarehouseFingerprints {
  /** Table → content fingerprint: equal fingerprints mean the same rows, whatever order or path they were loaded by. */
  tables: Record<string, string>;
  /** ISO week → day-keyed table → fingerprint of that week's rows, so late data is traced to the weeks it changes. */
  weeks: Record<string, Record<string, string>>;
}

/**
 * Order-independent digests (row count and the sum of per-row hashes) of every table, and of the
 * day-keyed tables per ISO week (cut in the session time zone). A day-keyed table is read once:
 * its digest is the sum of its weeks'. Ingest bookkeeping (ingest_log, rejects) records load
 * times, not content, and is left out.
 */
export async function warehouseFingerprints(connection: DuckDBConnection): Promise<WarehouseFingerprints> {
  const out: WarehouseFingerprints = { tables: {}, weeks: {} };
  for (const table of await warehouseTables(connection)) {
    if (table === "ingest_log" || table === "rejects") continue;
    const columns = (await columnsOf(connection, table)).filter((c) => c !== "source_file");
    if (!columns.length) continue;
    const time = timeColumns[table];
    if (!time) {
      const reader = await connection.runAndReadAll(`select count(*)::varchar || ':' || coalesce(sum(${hashOf(columns)})::varchar, '0') as digest from ${quoteIdent(table)}`);
      out.tables[table] = String(reader.getRowObjectsJS()[0].digest);
      continue;
    }
    // Cutting local weeks row by row goes through the time-zone library and dominates the cost;
    // rows are first summed per 15-minute UTC slot (every zone offset is a multiple of 15 minutes),
    // and only the slots are cut into weeks.
    const instant = (await columnType(connection, table, time)).startsWith("TIMESTAMP");
    const slots = instant
      ? `select to_timestamp(s * 900) as slot, n, h from (select epoch(${quoteIdent(time)})::bigint // 900 as s, count(*) as n, sum(${hashOf(columns)}) as h from ${quoteIdent(table)} group by s)`
      : `select ${quoteIdent(time)} as slot, count(*) as n, sum(${hashOf(columns)}) as h from ${quoteIdent(table)} group by slot`;
    const reader = await connection.runAndReadAll(
      `select strftime(date_trunc('week', slot)::date, '%Y-%m-%d') as monday, sum(n)::varchar as n, sum(h)::varchar as h
       from (${slots}) group by monday order by monday`
    );
    let n = 0n;
    let h = 0n;
    for (const row of reader.getRowObjectsJS()) {
      n += BigInt(String(row.n));
      h += BigInt(String(row.h));
      (out.weeks[isoWeek(String(row.monday))] ??= {})[table] = `${row.n}:${row.h}`;
    }
    out.tables[table] = `${n}:${h}`;
  }
  return out;
}
