import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent } from "../ingest/parse-sql.ts";

/**
 * Puts one batch into the temp table __stage exactly as a file would be staged: text columns named
 * as in the source, plus __line, the row's place in the batch (later rows are newer versions).
 */
export async function stageRows(connection: DuckDBConnection, columns: string[], rows: (string | null)[][]): Promise<{ table: string; lineSql: string; headers: string[]; malformed: [] }> {
  await connection.run(`drop table if exists __stage; create temp table __stage (__line bigint, ${columns.map((c) => `${quoteIdent(c)} varchar`).join(", ")})`);
  const appender = await connection.createAppender("__stage", "main", "temp");
  rows.forEach((row, i) => {
    appender.appendBigInt(BigInt(i + 1));
    for (const value of row) {
      if (value === null || value === undefined) appender.appendNull();
      else appender.appendVarchar(String(value));
    }
    appender.endRow();
  });
  appender.closeSync();
  return { table: "__stage", lineSql: "s.__line", headers: columns, malformed: [] };
}
