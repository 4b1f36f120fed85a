import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * Adds the drift and late-arrival columns to an ingest_log created by an earlier Opsbook. The
 * checkpoint matters: DuckDB 1.5 cannot replay an ALTER of a table with a default expression from
 * its write-ahead log, so after a crash the warehouse would not open again.
 */
export async function upgradeIngestLog(connection: DuckDBConnection): Promise<void> {
  const have = (await connection.runAndReadAll(`select column_name from information_schema.columns where table_name = 'ingest_log'`)).getRowObjectsJS().map((r) => String(r.column_name));
  const missing = [["headers", "varchar"], ["drift", "varchar"], ["late_rows", "bigint"], ["file_size", "bigint"], ["file_mtime_ms", "bigint"]].filter(([c]) => !have.includes(c));
  if (missing.length === 0) return;
  for (const [column, type] of missing) await connection.run(`alter table ingest_log add column ${column} ${type}`);
  await connection.run("checkpoint");
}
