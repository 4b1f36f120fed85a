import { closeSync, openSync, readSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ensureSchema } from "../warehouse/schema.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { detectEncoding, ExportFileError, exportFormat, stageFile } from "./read-export.ts";

const required = ["user_id", "event", "ts"] as const;
const known = ["session_id", "platform", "channel", "page"] as const;

/**
 * Loads a CSV/TSV/JSONL file of events (user_id, event, ts, any other columns) into the `events`
 * table of a scratch warehouse, for `opsbook metric … --events FILE`. Timestamps are ISO 8601 with
 * or without offset (naive = the session's time zone) or epoch seconds/milliseconds; columns other
 * than the canonical ones become keys of `properties`. Any bad row stops the load with its line.
 */
export async function loadEventsFile(connection: DuckDBConnection, file: string): Promise<number> {
  await ensureSchema(connection);
  if (plainUtf8Csv(file)) {
    try {
      return await loadCsvDirect(connection, file);
    } catch {
      // One statement, so nothing was stored: the careful path below finds the line and field.
    }
  }
  const staged = await stageFile(connection, file);
  const headers = staged.headers.map((h) => h.trim());
  for (const column of required) {
    if (!headers.includes(column)) throw new ExportFileError(file, `missing column "${column}" (an events file needs user_id, event, ts; found ${headers.join(", ")})`);
  }
  if (staged.malformed.length > 0) throw new ExportFileError(file, staged.malformed[0].reason, staged.malformed[0].line);
  const col = (name: string) => quoteIdent(staged.headers[headers.indexOf(name)]);
  const ts = timestampSql(col("ts"));
  const bad = await connection.runAndReadAll(`
    select __line, ${col("user_id")}, ${col("event")}, ${col("ts")},
      case when nullif(trim(${col("user_id")}), '') is null then 'user_id'
           when nullif(trim(${col("event")}), '') is null then 'event'
           else 'ts' end
    from ${staged.table}
    where nullif(trim(${col("user_id")}), '') is null or nullif(trim(${col("event")}), '') is null or ${ts} is null
    order by __line limit 1`);
  const row = bad.getRowsJS()[0];
  if (row) {
    const field = row[4] as string;
    const raw = row[field === "user_id" ? 1 : field === "event" ? 2 : 3];
    throw new ExportFileError(file, `field "${field}": ${field === "ts" ? `cannot read ${JSON.stringify(raw)} as a time (ISO 8601, or epoch seconds/milliseconds)` : "is empty"}`, Number(row[0]));
  }
  await connection.run(insertSql(file, staged.table, staged.headers.filter((h) => h !== "__line")));
  await connection.run(`drop table if exists ${staged.table}`);
  return staged.rows;
}

/** ISO 8601 goes through DuckDB's own cast; only the rest (epoch, 2026年11月2日 …) needs the regex parser. */
const timestampSql = (x: string) => `coalesce(try_cast(trim(${x}) as timestamptz), ${parseExpression("timestamp", x)})`;

function insertSql(file: string, source: string, rawHeaders: string[]): string {
  const headers = rawHeaders.map((h) => h.trim());
  const col = (name: string) => quoteIdent(rawHeaders[headers.indexOf(name)]);
  const extra = rawHeaders.filter((_, i) => !(required as readonly string[]).includes(headers[i]) && !(known as readonly string[]).includes(headers[i]));
  const properties = extra.length ? `json_object(${extra.map((h) => `${quoteLiteral(h.trim())}, ${quoteIdent(h)}`).join(", ")})` : "null";
  const optional = (name: string) => (headers.includes(name) ? `nullif(trim(${col(name)}), '')` : "null");
  return `insert into events (user_id, event, ts, session_id, platform, channel, page, properties, source_file)
    select nullif(trim(${col("user_id")}), ''), nullif(trim(${col("event")}), ''), ${timestampSql(col("ts"))}, ${known.map(optional).join(", ")}, ${properties}, ${quoteLiteral(file)}
    from ${source}`;
}

/** A UTF-8 CSV/TSV DuckDB can read as it is: the common case, read in one parallel pass. */
function plainUtf8Csv(file: string): boolean {
  const format = exportFormat(file);
  if ((format !== "csv" && format !== "tsv") || file.toLowerCase().endsWith(".gz")) return false;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(64 * 1024);
    return detectEncoding(head.subarray(0, readSync(fd, head, 0, head.length, 0))) === "utf8";
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the file straight into events in one statement; the table's NOT NULL columns reject an
 * empty user_id, event or unreadable ts, which sends the caller to the careful path.
 */
async function loadCsvDirect(connection: DuckDBConnection, file: string): Promise<number> {
  const text = `read_csv(${quoteLiteral(file)}, header = true, all_varchar = true)`;
  const headers = (await connection.runAndReadAll(`select column_name from (describe select * from ${text})`)).getRowsJS().map((r) => String(r[0]));
  if (!required.every((c) => headers.map((h) => h.trim()).includes(c))) throw new Error("missing columns");
  return Number((await connection.run(insertSql(file, text, headers))).rowsChanged);
}
