import type { DuckDBConnection } from "@duckdb/node-api";
import { ensureSchema } from "../warehouse/schema.ts";
import { parseExpression, quoteIdent, quoteLiteral } from "./parse-sql.ts";
import { ExportFileError, stageFile } from "./read-export.ts";

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
  const staged = await stageFile(connection, file);
  const headers = staged.headers.map((h) => h.trim());
  for (const column of required) {
    if (!headers.includes(column)) throw new ExportFileError(file, `missing column "${column}" (an events file needs user_id, event, ts; found ${headers.join(", ")})`);
  }
  if (staged.malformed.length > 0) throw new ExportFileError(file, staged.malformed[0].reason, staged.malformed[0].line);
  const col = (name: string) => quoteIdent(staged.headers[headers.indexOf(name)]);
  const ts = parseExpression("timestamp", col("ts"));
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
  const extra = staged.headers.filter((h, i) => !(required as readonly string[]).includes(headers[i]) && !(known as readonly string[]).includes(headers[i]) && h !== "__line");
  const properties = extra.length ? `json_object(${extra.map((h) => `${quoteLiteral(h.trim())}, ${quoteIdent(h)}`).join(", ")})` : "null";
  const optional = (name: string) => (headers.includes(name) ? `nullif(trim(${col(name)}), '')` : "null");
  await connection.run(`insert into events (user_id, event, ts, session_id, platform, channel, page, properties, source_file)
    select trim(${col("user_id")}), trim(${col("event")}), ${ts}, ${known.map(optional).join(", ")}, ${properties}, ${quoteLiteral(file)}
    from ${staged.table}`);
  await connection.run(`drop table if exists ${staged.table}`);
  return staged.rows;
}
