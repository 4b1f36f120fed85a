import { closeSync, openSync, readSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ensureSchema } from "../warehouse/schema.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { detectEncoding } from "./text-source.ts";

const required = ["user_id", "event", "ts"] as const;
const known = ["session_id", "platform", "channel", "page"] as const;

/**
 * Loads a CSV/TSV/JSONL file of events (user_id, event, ts, any other columns) into the `events`
 * table of a scratch warehouse, for `opsbook metric … --events FILE`. Timestamps are ISO 8601 with
 * or without offset (naive = the session's time zone) or epoch seconds/milliseconds; columns other
 * than the canonical ones become keys of `properties`. Any bad row stops the load with its line.
 * `fields`, when given, are the only columns and property keys the caller will read (besides
 * user_id, event, ts): a clean CSV then skips the others, which saves converting and storing them.
 */
export async function loadEventsFile(connection: DuckDBConnection, file: string, fields?: readonly string[]): Promise<number> {
  await ensureSchema(connection);
  if (plainUtf8Csv(file)) {
    try {
      return await loadCsvTyped(connection, file, fields ? (header) => (required as readonly string[]).includes(header) || fields.includes(header) : () => true);
    } catch (error) {
      // One statement, so nothing was stored: the careful path below finds the line and field.
      if (process.env.OPSBOOK_DEBUG) console.error(`${file}: careful path (${(error as Error).message.split("\n")[0]})`);
    }
  }
  // Loaded only here: the readers for GB18030, gzip and XLSX (exceljs) cost the fast path's start-up.
  const { ExportFileError, stageFile } = await import("./read-export.ts");
  const staged = await stageFile(connection, file);
  const headers = staged.headers.map((h) => h.trim());
  for (const column of required) {
    if (!headers.includes(column)) throw new ExportFileError(file, `missing column "${column}" (an events file needs user_id, event, ts; found ${headers.join(", ")})`);
  }
  if (staged.malformed.length > 0) throw new ExportFileError(file, staged.malformed[0].reason, staged.malformed[0].line);
  const col = (name: string) => quoteIdent(staged.headers[headers.indexOf(name)]);
  const ts = timestampSql(col("ts"));
  const bad = await connection.runAndReadAll(`
    select ${staged.lineSql} as __line, ${col("user_id")}, ${col("event")}, ${col("ts")},
      case when nullif(trim(${col("user_id")}), '') is null then 'user_id'
           when nullif(trim(${col("event")}), '') is null then 'event'
           else 'ts' end
    from ${staged.table} s
    where nullif(trim(${col("user_id")}), '') is null or nullif(trim(${col("event")}), '') is null or ${ts} is null
    order by __line limit 1`);
  const row = bad.getRowsJS()[0];
  if (row) {
    const field = row[4] as string;
    const raw = row[field === "user_id" ? 1 : field === "event" ? 2 : 3];
    throw new ExportFileError(file, `field "${field}": ${field === "ts" ? `cannot read ${JSON.stringify(raw)} as a time (ISO 8601, or epoch seconds/milliseconds)` : "is empty"}`, Number(row[0]));
  }
  await connection.run(insertSql(file, staged.table, staged.headers));
  await connection.run(`drop table if exists ${staged.table}`);
  return staged.rows;
}

/** ISO 8601 goes through DuckDB's own cast; only the rest (epoch, 2026年11月2日 …) needs the regex parser. */
const timestampSql = (x: string) => `coalesce(try_cast(trim(${x}) as timestamptz), ${parseExpression("timestamp", x)})`;

/**
 * The insert into events; `text` cleans an optional text column and `ts` reads the time column
 * (defaults: the careful path's); columns `keep` rejects are stored as null (or left out of properties).
 */
function insertSql(file: string, source: string, rawHeaders: string[], text = (c: string) => `nullif(trim(${c}), '')`, ts = timestampSql, keep = (_header: string) => true): string {
  const headers = rawHeaders.map((h) => h.trim());
  const col = (name: string) => quoteIdent(rawHeaders[headers.indexOf(name)]);
  const extra = rawHeaders.filter((_, i) => !(required as readonly string[]).includes(headers[i]) && !(known as readonly string[]).includes(headers[i]) && keep(headers[i]));
  const properties = extra.length ? `json_object(${extra.map((h) => `${quoteLiteral(h.trim())}, ${quoteIdent(h)}`).join(", ")})` : "null";
  const optional = (name: string) => (headers.includes(name) && keep(name) ? text(col(name)) : "null");
  return `insert into events (user_id, event, ts, session_id, platform, channel, page, properties, source_file)
    select ${text(col("user_id"))}, ${text(col("event"))}, ${ts(col("ts"))}, ${known.map(optional).join(", ")}, ${properties}, ${quoteLiteral(file)}
    from ${source}`;
}

/** A UTF-8 CSV/TSV DuckDB can read as it is: the common case, read in one parallel pass. */
function plainUtf8Csv(file: string): boolean {
  // The names exportFormat (read-export.ts) reads as CSV or TSV, without gzip.
  if (!/\.(csv|txt|tsv)$/.test(file.toLowerCase())) return false;
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(64 * 1024);
    return detectEncoding(head.subarray(0, readSync(fd, head, 0, head.length, 0))) === "utf8";
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the file straight into events in one parallel statement, with DuckDB's CSV reader typing
 * the columns: ts as TIMESTAMPTZ reads ISO 8601 with an offset as that instant and without one in
 * the session's (the definition's) zone, exactly as the careful path's cast does, and several times
 * faster than casting text row by row. Anything the careful path would treat differently makes the
 * statement fail, and the caller falls back to it: an unreadable ts (epoch numbers, 2026年11月2日),
 * an empty user_id, event or ts (NOT NULL), or a value with spaces around it (the careful path
 * trims them).
 */
async function loadCsvTyped(connection: DuckDBConnection, file: string, keep: (header: string) => boolean): Promise<number> {
  const sniffed = `read_csv(${quoteLiteral(file)}, header = true, all_varchar = true)`;
  const rawHeaders = (await connection.runAndReadAll(`select column_name from (describe select * from ${sniffed})`)).getRowsJS().map((r) => String(r[0]));
  const headers = rawHeaders.map((h) => h.trim());
  if (!required.every((c) => headers.includes(c))) throw new Error("missing columns");
  const types = rawHeaders.map((h, i) => `${quoteLiteral(h)}: '${headers[i] === "ts" ? "timestamptz" : "varchar"}'`);
  const typed = `read_csv(${quoteLiteral(file)}, header = true, columns = {${types.join(", ")}})`;
  // The columns the careful path trims (other columns go into properties as exported).
  const trimmed = rawHeaders.filter((_, i) => headers[i] !== "ts" && keep(headers[i]) && [...required, ...known].includes(headers[i] as (typeof required)[number])).map(quoteIdent);
  const padded = trimmed.flatMap((c) => [`${c} like ' %'`, `${c} like '% '`]);
  const blank = [quoteIdent(rawHeaders[headers.indexOf("user_id")]), quoteIdent(rawHeaders[headers.indexOf("event")])].map((c) => `${c} = ''`);
  // An error() aborts the one statement, so a file either loads whole or goes the careful way.
  const checked = `(select * from ${typed} where case when ${[...padded, ...blank].join(" or ")} then error('needs the careful path') else true end)`;
  return Number((await connection.run(insertSql(file, checked, rawHeaders, (c) => `nullif(${c}, '')`, (c) => c, keep))).rowsChanged);
}
